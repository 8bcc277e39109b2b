/* Glyph tuples -> text lines, in C.
 *
 * The same computation as extract.chars_to_lines.glyphs_to_lines_py (the reference, in Python): group the
 * glyphs into lines by vertical centre, sort each line by x0 (stable), infer the spaces from the
 * gaps, and measure the line. Every float is computed in the same order as in Python, so the
 * results are identical (tests/test_glyph_lines_c.py compares both on every page of the samples
 * and real PDFs and on generated glyphs).
 *
 * A glyph is the tuple (centre, size, x0, x1, top, bottom, text, fontname, char).
 */
#include "_c_common.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* extract.chars_to_lines' constants, given by ``setup`` (one definition, in Python) */
static double SPACE_GAP_EM, FONT_CHANGE_FACTOR, WORD_GAP_RATIO;
static PyObject *KAZAKH, *NO_BREAK_BEFORE; /* frozensets of letters */
static PyObject *SPACE, *WIDE_SPACE, *EMPTY, *EMPTY_TUPLE;
static PyObject *FIELDS[9]; /* TextLine's fields, in order */
static PyObject *RAW;       /* a marker: lines as (text, x1, first_width) tuples, not TextLines */

typedef struct {
    double centre, size, x0, x1, top, bottom;
    PyObject *text, *font; /* borrowed from the tuple */
    PyObject *tuple;       /* borrowed */
} G;

/* statistics.median as extract.chars_to_lines._median: sorted, middle (mean of the two middle ones). */
static double median(double *v, Py_ssize_t n) {
    qsort(v, (size_t)n, sizeof(double), cmp_double);
    Py_ssize_t mid = n / 2;
    return n % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

static int read_glyph(PyObject *t, G *g) {
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) < 8) {
        PyErr_SetString(PyExc_TypeError, "a glyph is a tuple (centre, size, x0, x1, top, bottom, text, font, ...)");
        return -1;
    }
    double *dst[6] = {&g->centre, &g->size, &g->x0, &g->x1, &g->top, &g->bottom};
    for (int k = 0; k < 6; k++) {
        *dst[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(t, k));
        if (*dst[k] == -1.0 && PyErr_Occurred()) return -1;
    }
    g->text = PyTuple_GET_ITEM(t, 6);
    g->font = PyTuple_GET_ITEM(t, 7);
    g->tuple = t;
    return 0;
}

/* whether a glyph's text is one of the characters in ``set`` (a frozenset of letters) */
static inline int text_in(PyObject *text, PyObject *set) {
    return PyUnicode_Check(text) && PyUnicode_GET_LENGTH(text) == 1 ? PySet_Contains(set, text) : 0;
}

/* stable merge sort of glyph pointers by x0 (Python's sorted(key=x0)) */
static void sort_by_x0(G **a, G **tmp, Py_ssize_t n) {
    if (n < 2) return;
    if (n <= 16) { /* insertion sort: stable */
        for (Py_ssize_t i = 1; i < n; i++) {
            G *v = a[i];
            Py_ssize_t j = i;
            while (j > 0 && v->x0 < a[j - 1]->x0) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        return;
    }
    Py_ssize_t mid = n / 2;
    sort_by_x0(a, tmp, mid);
    sort_by_x0(a + mid, tmp, n - mid);
    Py_ssize_t i = 0, j = mid, k = 0;
    while (i < mid && j < n) tmp[k++] = (a[j]->x0 < a[i]->x0) ? a[j++] : a[i++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof(G *));
}

/* glyph_line_to_text: the line's text with spaces from the gaps (line sorted by x0, n >= 1) */
static PyObject *line_text(G **line, Py_ssize_t n, double *scratch) {
    G **glyphs = PyMem_Malloc((size_t)n * sizeof(G *));
    double *gaps = PyMem_Malloc((size_t)n * sizeof(double));
    double *limits = PyMem_Malloc((size_t)n * sizeof(double));
    PyObject *parts = NULL, *out = NULL;
    if (glyphs == NULL || gaps == NULL || limits == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t m = 0;
    glyphs[m++] = line[0];
    for (Py_ssize_t i = 1; i < n; i++) { /* _dedupe: a glyph drawn twice at the same place */
        G *last = glyphs[m - 1], *g = line[i];
        int same = PyObject_RichCompareBool(g->text, last->text, Py_EQ);
        if (same < 0) goto done;
        if (same && fabs(g->x0 - last->x0) < 0.7) continue;
        glyphs[m++] = g;
    }
    for (Py_ssize_t i = 0; i < m; i++) scratch[i] = glyphs[i]->size;
    double size = median(scratch, m);
    double space = SPACE_GAP_EM * size;
    Py_ssize_t n_spaced = 0;
    for (Py_ssize_t i = 1; i < m; i++) {
        G *prev = glyphs[i - 1], *g = glyphs[i];
        gaps[i - 1] = g->x0 - prev->x1;
        int change = 0;
        int differ = PyObject_RichCompareBool(prev->font, g->font, Py_NE);
        if (differ < 0) goto done;
        if (differ) {
            int k = text_in(prev->text, KAZAKH);
            if (k == 0) k = text_in(g->text, KAZAKH);
            if (k < 0) goto done;
            change = k;
        }
        limits[i - 1] = change ? space * FONT_CHANGE_FACTOR : space;
        if (gaps[i - 1] > limits[i - 1]) scratch[n_spaced++] = gaps[i - 1];
    }
    parts = PyList_New(0);
    if (parts == NULL) goto done;
    if (PyList_Append(parts, glyphs[0]->text) < 0) goto done;
    if (n_spaced == 0) {
        for (Py_ssize_t i = 1; i < m; i++)
            if (PyList_Append(parts, glyphs[i]->text) < 0) goto done;
    } else {
        double typical = median(scratch, n_spaced);
        int letter_spaced = n_spaced >= 2 && (double)n_spaced >= 0.6 * (double)(m - 1);
        for (Py_ssize_t i = 1; i < m; i++) {
            double gap = gaps[i - 1];
            if (gap > limits[i - 1]) {
                int wide = letter_spaced && gap > WORD_GAP_RATIO * typical && gap - typical > 0.2 * size;
                if (PyList_Append(parts, wide ? WIDE_SPACE : SPACE) < 0) goto done;
            }
            if (PyList_Append(parts, glyphs[i]->text) < 0) goto done;
        }
    }
    out = PyUnicode_Join(EMPTY, parts);
done:
    Py_XDECREF(parts);
    PyMem_Free(glyphs);
    PyMem_Free(gaps);
    PyMem_Free(limits);
    return out;
}

static int all_space(PyObject *s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

/* _first_unit_width: the first glyph with the punctuation glued after it */
static int first_unit_width(G **line, Py_ssize_t n, double *out) {
    G *first = line[0];
    double end = first->x1;
    for (Py_ssize_t i = 1; i < n; i++) {
        G *g = line[i];
        int glued = text_in(g->text, NO_BREAK_BEFORE);
        if (glued < 0) return -1;
        if (!glued || g->x0 - end > SPACE_GAP_EM * first->size) break;
        end = g->x1;
    }
    *out = end - first->x0;
    return 0;
}

/* one TextLine for a group, or Py_None when its text is blank */
static PyObject *make_line(G **line, Py_ssize_t n, PyObject *page, PyObject *text_line, double *scratch) {
    PyObject *text = line_text(line, n, scratch);
    if (text == NULL) return NULL;
    if (all_space(text)) {
        Py_DECREF(text);
        Py_RETURN_NONE;
    }
    double x1 = line[0]->x1, top = line[0]->top, bottom = line[0]->bottom;
    for (Py_ssize_t i = 1; i < n; i++) {
        x1 = pmax(x1, line[i]->x1);
        top = pmin(top, line[i]->top);
        bottom = pmax(bottom, line[i]->bottom);
    }
    if (text_line == RAW) { /* what the cell loop reads: (text, x1, first_width) */
        double first_width;
        if (first_unit_width(line, n, &first_width) < 0) {
            Py_DECREF(text);
            return NULL;
        }
        return Py_BuildValue("(Ndd)", text, x1, first_width);
    }
    for (Py_ssize_t i = 0; i < n; i++) scratch[i] = line[i]->size;
    double size = median(scratch, n);
    for (Py_ssize_t i = 0; i < n; i++) scratch[i] = line[i]->x1 - line[i]->x0;
    double char_width = median(scratch, n);
    double first_width;
    if (first_unit_width(line, n, &first_width) < 0) {
        Py_DECREF(text);
        return NULL;
    }
    /* TextLine(text, x0, x1, top, bottom, page, size, char_width, first_width), as its frozen
     * dataclass __init__ does it (object.__setattr__ per field), without the Python frame */
    PyObject *values[9] = {text, PyFloat_FromDouble(line[0]->x0), PyFloat_FromDouble(x1), PyFloat_FromDouble(top),
                           PyFloat_FromDouble(bottom), page, PyFloat_FromDouble(size),
                           PyFloat_FromDouble(char_width), PyFloat_FromDouble(first_width)};
    Py_INCREF(page);
    PyObject *out = PyBaseObject_Type.tp_new((PyTypeObject *)text_line, EMPTY_TUPLE, NULL);
    for (int k = 0; k < 9; k++) {
        if (out != NULL && (values[k] == NULL || PyObject_GenericSetAttr(out, FIELDS[k], values[k]) < 0))
            Py_CLEAR(out);
        Py_XDECREF(values[k]);
    }
    return out;
}

static PyObject *setup(PyObject *self, PyObject *args) {
    PyObject *kazakh, *no_break, *fields;
    double space, change, ratio;
    if (!PyArg_ParseTuple(args, "O!O!dddO!", &PyFrozenSet_Type, &kazakh, &PyFrozenSet_Type, &no_break, &space,
                          &change, &ratio, &PyTuple_Type, &fields))
        return NULL;
    if (PyTuple_GET_SIZE(fields) != 9) {
        PyErr_SetString(PyExc_ValueError, "TextLine has 9 fields: text x0 x1 top bottom page size char_width first_width");
        return NULL;
    }
    for (int k = 0; k < 9; k++) {
        PyObject *name = PyTuple_GET_ITEM(fields, k);
        if (!PyUnicode_Check(name)) {
            PyErr_SetString(PyExc_TypeError, "field names are strings");
            return NULL;
        }
        Py_INCREF(name);
        PyUnicode_InternInPlace(&name);
        Py_XSETREF(FIELDS[k], name);
    }
    Py_INCREF(kazakh);
    Py_INCREF(no_break);
    Py_XSETREF(KAZAKH, kazakh);
    Py_XSETREF(NO_BREAK_BEFORE, no_break);
    SPACE_GAP_EM = space, FONT_CHANGE_FACTOR = change, WORD_GAP_RATIO = ratio;
    Py_RETURN_NONE;
}

/* the text lines of ``hold`` (a list of glyph tuples in order of their centres); with
 * ``text_line`` NULL, the groups of glyph tuples instead (glyphs_to_line_groups) */
static PyObject *lines_of(PyObject *hold, PyObject *page, PyObject *text_line) {
    if (KAZAKH == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "setup() first");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(hold);
    PyObject *out = PyList_New(0);
    if (out == NULL || n == 0) return out;
    G *gs = PyMem_Malloc((size_t)n * sizeof(G));
    G **order = PyMem_Malloc((size_t)n * sizeof(G *));
    G **tmp = PyMem_Malloc((size_t)n * sizeof(G *));
    double *scratch = PyMem_Malloc((size_t)(n + 8) * sizeof(double));
    if (gs == NULL || order == NULL || tmp == NULL || scratch == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (read_glyph(PyList_GET_ITEM(hold, i), &gs[i]) < 0) goto fail;
        order[i] = &gs[i];
    }
    /* glyphs_to_line_groups: a line goes on while the centre stays within 0.45 of the larger
     * size of the glyph and the last one from the median of the line's last 8 centres */
    double window[8];
    int wn = 0;
    double ref = 0.0, last_size = 0.0;
    int uniform = 1;
    Py_ssize_t start = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        int new_line = 1;
        if (i < n && i > start) {
            double centre = gs[i].centre, size = gs[i].size;
            new_line = !(fabs(centre - ref) <= 0.45 * (size > last_size ? size : last_size));
        }
        if (i < n && !new_line) {
            double centre = gs[i].centre;
            if (wn == 8) {
                memmove(window, window + 1, 7 * sizeof(double));
                wn = 7;
            }
            window[wn++] = centre;
            if (!(uniform && centre == ref)) {
                double w[8];
                memcpy(w, window, (size_t)wn * sizeof(double));
                ref = median(w, wn);
                double lo = window[0], hi = window[0];
                for (int k = 1; k < wn; k++) {
                    lo = pmin(lo, window[k]);
                    hi = pmax(hi, window[k]);
                }
                uniform = lo == hi;
            }
            last_size = gs[i].size;
            continue;
        }
        if (i > start) { /* close the line [start, i) */
            sort_by_x0(order + start, tmp, i - start);
            PyObject *line;
            if (text_line == NULL) { /* the group itself: its glyph tuples, left to right */
                line = PyList_New(i - start);
                for (Py_ssize_t k = 0; line != NULL && k < i - start; k++) {
                    Py_INCREF(order[start + k]->tuple);
                    PyList_SET_ITEM(line, k, order[start + k]->tuple);
                }
            } else {
                line = make_line(order + start, i - start, page, text_line, scratch);
            }
            if (line == NULL) goto fail;
            int bad = line != Py_None && PyList_Append(out, line) < 0;
            Py_DECREF(line);
            if (bad) goto fail;
        }
        if (i < n) {
            start = i;
            window[0] = gs[i].centre;
            wn = 1;
            ref = gs[i].centre;
            uniform = 1;
            last_size = gs[i].size;
        }
    }
    PyMem_Free(gs);
    PyMem_Free(order);
    PyMem_Free(tmp);
    PyMem_Free(scratch);
    return out;
fail:
    PyMem_Free(gs);
    PyMem_Free(order);
    PyMem_Free(tmp);
    PyMem_Free(scratch);
    Py_DECREF(out);
    return NULL;
}

/* lines(glyphs_sorted_by_centre, page, TextLine) -> list[TextLine] */
static PyObject *lines(PyObject *self, PyObject *args) {
    PyObject *seq, *page, *text_line;
    if (!PyArg_ParseTuple(args, "O!OO", &PyList_Type, &seq, &page, &text_line)) return NULL;
    PyObject *hold = PyList_GetSlice(seq, 0, PyList_GET_SIZE(seq)); /* the tuples stay alive while read */
    if (hold == NULL) return NULL;
    PyObject *out = lines_of(hold, page, text_line);
    Py_DECREF(hold);
    return out;
}

/* first index whose value is >= v (bisect_left) or > v (bisect_right) in a sorted list of floats */
static Py_ssize_t bisect(PyObject *values, double v, int right) {
    Py_ssize_t lo = 0, hi = PyList_GET_SIZE(values);
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        double m = PyFloat_AS_DOUBLE(PyList_GET_ITEM(values, mid));
        if (right ? v < m : !(m < v))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* box_glyphs(centres, glyphs, x0, top, x1, bottom) -> the glyphs whose centre lies in the box,
 * in order of centres (cells_to_grid.glyphs_in_box: bisection on the centres, then x) */
static PyObject *box_glyphs_list(PyObject *centres, PyObject *glyphs, double x0, double top, double x1,
                                 double bottom) {
    Py_ssize_t n = PyList_GET_SIZE(centres);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!PyFloat_CheckExact(PyList_GET_ITEM(centres, i))) {
            PyErr_SetString(PyExc_TypeError, "centres are floats");
            return NULL;
        }
    if (PyList_GET_SIZE(glyphs) != n) {
        PyErr_SetString(PyExc_ValueError, "one centre per glyph");
        return NULL;
    }
    Py_ssize_t lo = bisect(centres, top, 0), hi = bisect(centres, bottom, 1);
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = lo; i < hi; i++) {
        PyObject *g = PyList_GET_ITEM(glyphs, i);
        if (!PyTuple_Check(g) || PyTuple_GET_SIZE(g) < 4) {
            PyErr_SetString(PyExc_TypeError, "a glyph is a tuple");
            Py_DECREF(out);
            return NULL;
        }
        double a = PyFloat_AsDouble(PyTuple_GET_ITEM(g, 2)), b = PyFloat_AsDouble(PyTuple_GET_ITEM(g, 3));
        if (PyErr_Occurred()) {
            Py_DECREF(out);
            return NULL;
        }
        double cx = (a + b) / 2;
        if (x0 <= cx && cx <= x1 && PyList_Append(out, g) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

static PyObject *box_glyphs(PyObject *self, PyObject *args) {
    PyObject *centres, *glyphs;
    double x0, top, x1, bottom;
    if (!PyArg_ParseTuple(args, "O!O!dddd", &PyList_Type, &centres, &PyList_Type, &glyphs, &x0, &top, &x1, &bottom))
        return NULL;
    return box_glyphs_list(centres, glyphs, x0, top, x1, bottom);
}

static PyObject *K_X0, *K_X1, *K_TOP, *K_BOTTOM;


/* outside(items, boxes, dicts) -> the items whose centre lies in none of the boxes (x0, top,
 * x1, bottom; edges included), in their order. Items are glyph tuples, or characters (x0, x1,
 * top, bottom) with ``dicts``: dicts or other mappings (the pdfium reader's Char), for
 * cells_to_grid.chars_outside and pdf_to_document._outside. */
static PyObject *outside(PyObject *self, PyObject *args) {
    PyObject *items, *boxes_seq;
    int dicts;
    if (!PyArg_ParseTuple(args, "O!Op", &PyList_Type, &items, &boxes_seq, &dicts)) return NULL;
    PyObject *boxes_fast = PySequence_Fast(boxes_seq, "boxes must be a sequence");
    if (boxes_fast == NULL) return NULL;
    Py_ssize_t nb = PySequence_Fast_GET_SIZE(boxes_fast);
    double *bx = PyMem_Malloc((size_t)(nb ? nb : 1) * 4 * sizeof(double));
    PyObject *out = NULL;
    if (bx == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < nb; k++)
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(boxes_fast, k), "dddd", &bx[4 * k], &bx[4 * k + 1],
                              &bx[4 * k + 2], &bx[4 * k + 3]))
            goto done;
    out = PyList_New(0);
    if (out == NULL) goto done;
    Py_ssize_t n = PyList_GET_SIZE(items);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PyList_GET_ITEM(items, i);
        double x, y;
        if (dicts) {
            double x0, x1, top, bottom;
            if (item_float(it, K_X0, &x0) < 0 || item_float(it, K_X1, &x1) < 0 || item_float(it, K_TOP, &top) < 0 ||
                item_float(it, K_BOTTOM, &bottom) < 0) {
                Py_CLEAR(out);
                goto done;
            }
            x = (x0 + x1) / 2;
            y = (top + bottom) / 2;
        } else {
            G g;
            if (read_glyph(it, &g) < 0) {
                Py_CLEAR(out);
                goto done;
            }
            x = (g.x0 + g.x1) / 2;
            y = g.centre;
        }
        int inside = 0;
        for (Py_ssize_t k = 0; k < nb && !inside; k++) {
            const double *b = &bx[4 * k];
            inside = b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3];
        }
        if (!inside && PyList_Append(out, it) < 0) {
            Py_CLEAR(out);
            goto done;
        }
    }
done:
    Py_DECREF(boxes_fast);
    PyMem_Free(bx);
    return out;
}

/* ---- cells_to_grid.boxes_to_grid's cell loop ---------------------------------------------------- */

static PyObject *CELL_FIELDS[8]; /* GridCell's fields, in order */

/* cells_to_grid._index: the position of the edge nearest to v (the first of two as near) */
static Py_ssize_t nearest(const double *edges, Py_ssize_t n, double v) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (edges[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) return 0;
    if (lo == n) return n - 1;
    return fabs(edges[lo - 1] - v) <= fabs(edges[lo] - v) ? lo - 1 : lo;
}

static double *float_array(PyObject *seq, Py_ssize_t *n) {
    PyObject *fast = PySequence_Fast(seq, "a sequence of numbers");
    if (fast == NULL) return NULL;
    *n = PySequence_Fast_GET_SIZE(fast);
    double *out = PyMem_Malloc((size_t)(*n ? *n : 1) * sizeof(double));
    if (out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < *n; i++) {
        out[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, i));
        if (out[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    return out;
}

typedef struct {
    Py_ssize_t r0, c0, rs, cs;
    PyObject *texts; /* owned tuple */
    PyObject *box;   /* borrowed from boxes */
    Py_ssize_t n;    /* lines */
    double *room, *width;
} Placed;

/* box_cells(boxes, xs, ys, centres, glyphs, page, pages, GridCell, full_line_slack)
 * -> [GridCell] in box order: each box placed on the grid edges xs/ys, its text lines read,
 * and each line flagged full when the next line's first unit would not have fitted after it. */
static PyObject *box_cells(PyObject *self, PyObject *args) {
    PyObject *boxes, *xs_seq, *ys_seq, *centres, *glyphs, *page, *pages, *grid_cell;
    double slack;
    if (!PyArg_ParseTuple(args, "O!OOO!O!OOOd", &PyList_Type, &boxes, &xs_seq, &ys_seq, &PyList_Type, &centres,
                          &PyList_Type, &glyphs, &page, &pages, &grid_cell, &slack))
        return NULL;
    if (CELL_FIELDS[0] == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "setup_cells() first");
        return NULL;
    }
    Py_ssize_t nx, ny, nb = PyList_GET_SIZE(boxes), np = 0;
    double *xs = float_array(xs_seq, &nx), *ys = xs == NULL ? NULL : float_array(ys_seq, &ny);
    Placed *placed = PyMem_Calloc((size_t)(nb ? nb : 1), sizeof(Placed));
    PyObject *hold = PyList_GetSlice(boxes, 0, nb), *out = NULL;
    if (xs == NULL || ys == NULL || placed == NULL || hold == NULL) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    if (nx == 0 || ny == 0) {
        PyErr_SetString(PyExc_ValueError, "no grid edges");
        goto done;
    }
    int any_room = 0;
    double padding = 0.0;
    int have_padding = 0;
    for (Py_ssize_t i = 0; i < nb; i++) {
        PyObject *box = PyList_GET_ITEM(hold, i);
        double b[4];
        if (!PyArg_ParseTuple(box, "dddd", &b[0], &b[1], &b[2], &b[3])) goto done;
        Py_ssize_t c0 = nearest(xs, nx, b[0]), c1 = nearest(xs, nx, b[2]);
        Py_ssize_t r0 = nearest(ys, ny, b[1]), r1 = nearest(ys, ny, b[3]);
        if (c1 <= c0 || r1 <= r0) continue;
        PyObject *inside = box_glyphs_list(centres, glyphs, b[0], b[1], b[2], b[3]);
        if (inside == NULL) goto done;
        PyObject *lines = lines_of(inside, page, RAW);
        Py_DECREF(inside);
        if (lines == NULL) goto done;
        Py_ssize_t n = PyList_GET_SIZE(lines);
        Placed *p = &placed[np++];
        p->r0 = r0, p->c0 = c0, p->rs = r1 - r0, p->cs = c1 - c0, p->box = box, p->n = n;
        p->texts = PyTuple_New(n);
        p->room = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(double));
        p->width = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(double));
        if (p->texts == NULL || p->room == NULL || p->width == NULL) {
            Py_DECREF(lines);
            if (!PyErr_Occurred()) PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *line = PyList_GET_ITEM(lines, k); /* (text, x1, first_width) */
            PyObject *text = PyTuple_GET_ITEM(line, 0);
            Py_INCREF(text);
            PyTuple_SET_ITEM(p->texts, k, text);
            p->room[k] = b[2] - PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(line, 1)); /* _right_gaps: room to the cell's edge */
            if (k + 1 < n) {
                p->width[k] = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(PyList_GET_ITEM(lines, k + 1), 2));
                any_room = 1; /* _full_lines: the rooms of lines another line follows */
                if (p->room[k] >= 0 && (!have_padding || p->room[k] < padding)) {
                    padding = p->room[k];
                    have_padding = 1;
                }
            } else {
                p->width[k] = Py_HUGE_VAL;
            }
        }
        Py_DECREF(lines);
    }
    out = PyList_New(0);
    if (out == NULL) goto done;
    for (Py_ssize_t i = 0; i < np; i++) {
        Placed *p = &placed[i];
        PyObject *full = PyTuple_New(any_room ? p->n : 0);
        if (full == NULL) goto fail_out;
        for (Py_ssize_t k = 0; any_room && k < p->n; k++) {
            PyObject *flag = p->room[k] - padding < slack * p->width[k] ? Py_True : Py_False;
            Py_INCREF(flag);
            PyTuple_SET_ITEM(full, k, flag);
        }
        PyObject *values[8] = {PyLong_FromSsize_t(p->r0), PyLong_FromSsize_t(p->c0), PyLong_FromSsize_t(p->rs),
                               PyLong_FromSsize_t(p->cs), p->texts, pages, p->box, full};
        Py_INCREF(p->texts), Py_INCREF(pages), Py_INCREF(p->box);
        /* GridCell(...), as its frozen dataclass __init__ does it (object.__setattr__ per field) */
        PyObject *cell = PyBaseObject_Type.tp_new((PyTypeObject *)grid_cell, EMPTY_TUPLE, NULL);
        for (int k = 0; k < 8; k++) {
            if (cell != NULL && (values[k] == NULL || PyObject_GenericSetAttr(cell, CELL_FIELDS[k], values[k]) < 0))
                Py_CLEAR(cell);
            Py_XDECREF(values[k]);
        }
        if (cell == NULL || PyList_Append(out, cell) < 0) {
            Py_XDECREF(cell);
            goto fail_out;
        }
        Py_DECREF(cell);
    }
    goto done;
fail_out:
    Py_CLEAR(out);
done:
    for (Py_ssize_t i = 0; i < np; i++) {
        Py_XDECREF(placed[i].texts);
        PyMem_Free(placed[i].room);
        PyMem_Free(placed[i].width);
    }
    PyMem_Free(placed);
    PyMem_Free(xs);
    PyMem_Free(ys);
    Py_XDECREF(hold);
    return out;
}

static PyObject *setup_cells(PyObject *self, PyObject *fields) {
    if (!PyTuple_Check(fields) || PyTuple_GET_SIZE(fields) != 8) {
        PyErr_SetString(PyExc_ValueError,
                        "GridCell has 8 fields: row col rowspan colspan lines pages bbox full_lines");
        return NULL;
    }
    for (int k = 0; k < 8; k++) {
        PyObject *name = PyTuple_GET_ITEM(fields, k);
        if (!PyUnicode_Check(name)) {
            PyErr_SetString(PyExc_TypeError, "field names are strings");
            return NULL;
        }
        Py_INCREF(name);
        PyUnicode_InternInPlace(&name);
        Py_XSETREF(CELL_FIELDS[k], name);
    }
    Py_RETURN_NONE;
}

/* groups(glyphs_sorted_by_centre) -> lists of glyph tuples, one per line, left to right */
static PyObject *groups(PyObject *self, PyObject *args) {
    PyObject *seq;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &seq)) return NULL;
    PyObject *hold = PyList_GetSlice(seq, 0, PyList_GET_SIZE(seq));
    if (hold == NULL) return NULL;
    PyObject *out = lines_of(hold, Py_None, NULL);
    Py_DECREF(hold);
    return out;
}

static PyMethodDef methods[] = {
    {"groups", groups, METH_VARARGS, "groups(glyphs in order of centres) -> line groups, left to right"},
    {"box_cells", box_cells, METH_VARARGS,
     "box_cells(boxes, xs, ys, centres, glyphs, page, pages, GridCell, full_line_slack) -> cells"},
    {"setup_cells", setup_cells, METH_O, "setup_cells(grid_cell_fields)"},
    {"outside", outside, METH_VARARGS, "outside(items, boxes, dicts) -> the items outside every box"},
    {"box_glyphs", box_glyphs, METH_VARARGS, "box_glyphs(centres, glyphs, x0, top, x1, bottom) -> glyphs"},
    {"setup", setup, METH_VARARGS, "setup(kazakh_letters, no_break_before, space_gap_em, font_change, word_gap, text_line_fields)"},
    {"lines", lines, METH_VARARGS, "lines(glyphs in order of centres, page, TextLine) -> text lines"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_glyph_lines", NULL, -1, methods};

PyMODINIT_FUNC PyInit__glyph_lines(void) {
    SPACE = PyUnicode_InternFromString(" ");
    WIDE_SPACE = PyUnicode_InternFromString("  ");
    EMPTY = PyUnicode_InternFromString("");
    EMPTY_TUPLE = PyTuple_New(0);
    RAW = PyList_New(0); /* never handed out: only its identity counts */
    K_X0 = PyUnicode_InternFromString("x0");
    K_X1 = PyUnicode_InternFromString("x1");
    K_TOP = PyUnicode_InternFromString("top");
    K_BOTTOM = PyUnicode_InternFromString("bottom");
    if (K_X0 == NULL || K_X1 == NULL || K_TOP == NULL || K_BOTTOM == NULL || RAW == NULL)
        return NULL;
    if (SPACE == NULL || WIDE_SPACE == NULL || EMPTY == NULL || EMPTY_TUPLE == NULL) return NULL;
    return PyModule_Create(&module);
}
