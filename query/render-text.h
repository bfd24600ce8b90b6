/*
 * render-text.h - hits as text for people: wrapped to the terminal, with
 * matched words highlighted when colour is on.
 */
#ifndef FACTSHEET_RENDER_TEXT_H
#define FACTSHEET_RENDER_TEXT_H

#include <stdio.h>

#include "factsheet.h"

/* --format: what each hit shows. */
enum {
	RENDER_FULL,	/* heading, source, text, solution, contacts */
	RENDER_BRIEF,	/* heading and contacts */
	RENDER_PATH	/* source#anchor, one a line, for scripts */
};

typedef struct {
	int color;	/* ANSI highlighting */
	int format;	/* RENDER_FULL, RENDER_BRIEF or RENDER_PATH */
	int width;	/* columns to wrap at */
	int explain;	/* show each hit's matched terms and weights */
} render_options_t;

/* Prints the hits of RESULTS; "Showing results for" first if corrected. */
void
render_results(FILE *out, const factsheet_results_t *results,
	       const render_options_t *options);

#endif /* FACTSHEET_RENDER_TEXT_H */
