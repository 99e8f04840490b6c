/* goparse: text read the way vic-machine's Go libraries read it, so that vchnet accepts
 * and refuses exactly what vic-machine does and repeats Go's own error text
 * (doc/vic-networking.md, "How vic-machine reads the text").
 *
 *   - strconv.Quote, which vic-machine's %q messages print;
 *   - net/url.Parse, enough to judge a proxy URL;
 *   - path.Match and path.Clean, which govmomi's finder applies to inventory names;
 *   - the host part of a URL and a SHA-1 thumbprint in vic-machine's spelling.
 *
 * Pure: no I/O, no global state. Every char * returned is owned by the caller. */
#ifndef VCHNET_GOPARSE_H
#define VCHNET_GOPARSE_H

/* Go's strconv.Quote (what %q prints for a string). */
char *goparse_quote(const char *s);

/* Go's url.Parse, enough to judge proxy URLs: returns NULL when Go accepts the text and
 * sets *scheme (lower case) and *host (host[:port], may be empty); else Go's error
 * text. */
char *goparse_url_parse(const char *s, char **scheme, char **host);

/* The host[:port] part of a URL (no scheme, no credentials, no path); NULL when there
 * is none. */
char *goparse_url_host(const char *url);

/* The SHA-1 thumbprint in vic-machine's form (upper-case hex pairs joined by ':'), from
 * upper/lower case, with or without ':' or spaces; NULL when not 20 hex bytes. */
char *goparse_thumbprint(const char *tp);

/* Go's path.Match: 1 match, 0 no match, -1 malformed pattern. */
int goparse_path_match(const char *pattern, const char *name);
/* Go's path.Clean. */
char *goparse_path_clean(const char *p);
/* A name as a path.Match pattern that matches only itself: * ? [ ] and \ escaped
 * with \. */
char *goparse_path_escape(const char *name);

#endif
