/* The version printed by --version and in page footers. */
#ifndef TERMC_VERSION_H
#define TERMC_VERSION_H

#define TERMC_VERSION	"0.1.0"

#endif
