/* vchnet wizard: placeholder until the wizard lands. */
#include <stdio.h>

#include "cli.h"
#include "err.h"

int cmd_wizard(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("vchnet: the wizard is not available in this build yet\n", stderr);
	return EXIT_PROBLEMS;
}
