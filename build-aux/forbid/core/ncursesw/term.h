/* Stands in for <ncursesw/term.h> on this include path: the core never includes curses: put terminal code in ui/ or screens/
 * (see HACKING, "Layers"). */
#error "the core never includes curses: put terminal code in ui/ or screens/"
