/*
 * render-text.h - hits as text for people: wrapped to the terminal, with
 * matched words highlighted when colour is on.
 */
#ifndef FACTSHEET_RENDER_TEXT_H
#define FACTSHEET_RENDER_TEXT_H

#include <stdio.h>

#include "factsheet.h"

typedef struct {
	int color;	/* ANSI highlighting */
	int width;	/* columns to wrap at */
	int explain;	/* show each hit's matched terms and weights */
} render_options_t;

/* Prints the hits of RESULTS; "Showing results for" first if corrected. */
void
render_results(FILE *out, const factsheet_results_t *results,
	       const render_options_t *options);

#endif /* FACTSHEET_RENDER_TEXT_H */
