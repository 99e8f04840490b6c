/* Stands in for <libxml/xmlreader.h> on this include path: a face never calls libcurl, OpenSSL, libxml2 or libyaml: ask the core (src/)
 * (see HACKING, "Layers"). */
#error "a face never calls libcurl, OpenSSL, libxml2 or libyaml: ask the core (src/)"
