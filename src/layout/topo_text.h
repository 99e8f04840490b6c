/* topo_text: the topology (layout.h's model) drawn for a terminal.
 *
 * The VCH endpoint VM is a box of its roles and addresses; each NIC is a port on the
 * box's right edge with an arrow to its port group; below each port group, the parties
 * its roles serve (Docker clients, vCenter and the ESXi hosts with their 2377/tcp
 * verdicts, registries and the proxies); under the box, the container VMs hanging off
 * the bridge's port group, with the container networks as their own NICs reaching their
 * port groups directly. Problems the rules found are marked on the element they concern
 * ([E1] error, [W2] warning) and listed, numbered, under the drawing.
 *
 * It uses the width it gets: below TOPO_TEXT_FULL columns a compact form (a 4-NIC plan
 * with two container networks fits 80x24), from it the full form (switch and VLAN beside
 * the port group, the parties in a column of their own, one line per container
 * network). UTF-8 box drawing or plain ASCII; no colour needed. Every name passes
 * through the sanitizer and columns are counted with san_width(), so wide (CJK) names
 * keep the lines aligned. Pure: no I/O. */
#ifndef VCHNET_TOPO_TEXT_H
#define VCHNET_TOPO_TEXT_H

#include <stdbool.h>

struct layout_topo;

enum {
	TOPO_TEXT_MIN = 40,   /* narrower is drawn at this width */
	TOPO_TEXT_FULL = 110, /* from here the full form */
};

struct topo_text_opts {
	int width;            /* columns; 0 means 80 */
	bool ascii;           /* ASCII line set (vt100, LANG=C, PuTTY without UTF-8) */
	bool no_problems;     /* leave out the numbered list (a caller lists findings itself) */
};

/* The drawing: lines ending in '\n', none wider than the width. Caller frees. */
char *topo_text_draw(const struct layout_topo *t, const struct topo_text_opts *o);

/* The topology in sentences, for plain mode and screen readers (no box drawing, no
 * arrows): which NIC carries which roles to which port group, the parties, the bridge
 * and the container networks, the problems. Lines ending in '\n', wrapped at width.
 * Caller frees. */
char *topo_text_describe(const struct layout_topo *t, int width);

#endif
