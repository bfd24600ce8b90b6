/*
 * fatal.cc - the one failure the shim cannot turn into a status.
 * When a write fails inside WritableDatabase::commit() (a full disk),
 * Xapian throws, and a destructor throws again while that exception
 * unwinds its frames: C++ calls std::terminate() before any catch of
 * ours runs.  Glass commits atomically, so the database on disk is still
 * its last commit; what is left is to say so instead of an abort, which
 * the program does in the handler it gave.
 */
#include <config.h>

#include <cstdlib>
#include <exception>
#include <string>

#include <xapian.h>

#include "factsheet.h"

static void (*fatal_handler)(const char *message);

static void
on_terminate()
{
	std::string message = "unknown failure";

	if (std::exception_ptr e = std::current_exception()) {
		try {
			std::rethrow_exception(e);
		} catch (const Xapian::Error &x) {
			message = x.get_description();
		} catch (const std::exception &x) {
			message = x.what();
		} catch (...) {
		}
	}
	if (fatal_handler != nullptr)
		fatal_handler(message.c_str());
	std::abort();
}

extern "C" void
factsheet_set_fatal_handler(void (*handler)(const char *message))
{
	fatal_handler = handler;
	std::set_terminate(on_terminate);
}
