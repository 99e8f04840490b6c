/* topo_svg: the topology (layout.h's model) as a standalone SVG image.
 *
 * The same picture as the terminal drawing (topo_text.h): the VCH endpoint VM in the
 * middle with a port per NIC and a line to its port group, the parties each role
 * serves, the container VMs under the bridge and the container networks reaching their
 * port groups; problems marked on their element and listed. Standalone and inert: no
 * script, no external reference (no links, no fonts fetched, no images), fonts by
 * generic family, text as <text> so that it can be searched and copied; every name is
 * XML-escaped. Pure: no I/O. */
#ifndef VCHNET_TOPO_SVG_H
#define VCHNET_TOPO_SVG_H

#include <stddef.h>

struct layout_topo;

/* The SVG document (with XML declaration). Caller frees. */
char *topo_svg(const struct layout_topo *t);
/* The same without the XML declaration and the namespace (HTML knows <svg>), for
 * inline use in HTML; *w and *h (may be
 * NULL) receive the image's size in CSS pixels. Caller frees. */
char *topo_svg_inline(const struct layout_topo *t, int *w, int *h);

/* Text escaped for XML/HTML content and attribute values (& < > " '); bytes that are
 * not UTF-8 become U+FFFD and control characters other than tab and newline are
 * dropped, so the document stays well-formed. Caller frees. */
char *topo_xml_escape(const char *s);

#endif
