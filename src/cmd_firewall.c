/* vchnet firewall: placeholder until its issue lands. */
#include <stdio.h>

#include "cli.h"
#include "err.h"

int cmd_firewall(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("vchnet: 'firewall' is not available in this build yet\n", stderr);
	return EXIT_PROBLEMS;
}
