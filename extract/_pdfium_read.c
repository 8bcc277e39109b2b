/* pdfium page -> pdfplumber-like characters and path segments, in C.
 *
 * page_chars: the same computation as extract.readers.pdfium_chars.page_chars_py (the reference, kept in Python
 * and compared with this on every sample and real PDF by tests/test_pdfium_read_c.py), step for
 * step and in the same double-precision order, so both give the same numbers to the last bit.
 * Calling pdfium through ctypes costs about a microsecond per call and the loop makes two or
 * more per character; here the calls are plain C calls through the function pointers that
 * pypdfium2's loaded library exposes (bound once by ``bind``), so nothing is linked at build time.
 *
 * Per text object (font, size, matrix, clip box) the work is done once; the font's name and
 * descent come from a Python callback (once per font and size on a page).
 *
 * page_path_objects: the path objects of a page (inside form XObjects too) with their matrices
 * and subpaths, as extract.readers.pdfium_paths.page_path_objects_py gives them; the coordinates go
 * through the caller's memo of single-precision -> shortest-decimal values.
 */
#include "_c_common.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { float left, top, right, bottom; } FS_RECTF;
typedef struct { float a, b, c, d, e, f; } FS_MATRIX;

typedef int (*count_chars_t)(void *);
typedef unsigned int (*get_unicode_t)(void *, int);
typedef int (*get_text_t)(void *, int, int, unsigned short *);
typedef int (*is_flag_t)(void *, int);
typedef void *(*text_object_t)(void *, int);
typedef int (*char_origin_t)(void *, int, double *, double *);
typedef int (*char_box_t)(void *, int, double *, double *, double *, double *);
typedef int (*loose_box_t)(void *, int, FS_RECTF *);
typedef int (*text_matrix_t)(void *, int, FS_MATRIX *);
typedef int (*obj_font_size_t)(void *, float *);
typedef void *(*obj_font_t)(void *);
typedef int (*glyph_width_t)(void *, unsigned int, float, float *);
typedef void *(*clip_of_t)(void *);
typedef int (*clip_count_t)(void *);
typedef int (*clip_segments_t)(void *, int);
typedef void *(*clip_segment_t)(void *, int, int);
typedef int (*segment_point_t)(void *, float *, float *);
typedef int (*count_objects_t)(void *);
typedef void *(*page_object_t)(void *, int);
typedef void *(*form_object_t)(void *, unsigned long);
typedef int (*obj_type_t)(void *);
typedef int (*obj_matrix_t)(void *, FS_MATRIX *);
typedef int (*draw_mode_t)(void *, int *, int *);
typedef void *(*path_segment_t)(void *, int);

static struct {
    get_unicode_t get_unicode;
    get_text_t get_text;
    is_flag_t is_generated, is_hyphen, unmapped;
    text_object_t text_object;
    char_origin_t char_origin;
    char_box_t char_box;
    loose_box_t loose_box;
    text_matrix_t text_matrix;
    obj_font_size_t font_size;
    obj_font_t font_of;
    glyph_width_t glyph_width;
    clip_of_t clip_of;
    clip_count_t clip_paths;
    clip_segments_t clip_segments;
    clip_segment_t clip_segment;
    segment_point_t segment_point;
    count_objects_t page_count, form_count, path_count;
    page_object_t page_object;
    form_object_t form_object;
    obj_type_t obj_type, segment_type, segment_close;
    obj_matrix_t obj_matrix;
    draw_mode_t draw_mode;
    path_segment_t path_segment;
    int bound;
} F;

static PyObject *K_TEXT, *K_X0, *K_X1, *K_TOP, *K_BOTTOM, *K_DOCTOP, *K_SIZE, *K_FONTNAME, *K_UPRIGHT,
    *K_OBJECT_TYPE, *V_CHAR, *S_GLYPHS;

/* ---- Char: one character as a read-only mapping with pdfplumber's char keys ----------------
 * What page_chars makes per character instead of a dict: the same keys and values, read the same
 * way (c["x0"], c.get(...), keys/items/values, iteration, ==, dict(c)), at a fraction of the cost
 * of building and freeing a ten-key dict (one allocation, no hashing; not tracked by the cyclic
 * GC: it holds strings, floats and booleans only). Pickles and copies as a plain dict. */
#define NKEYS 10
static PyObject *CHAR_KEYS[NKEYS]; /* text x0 x1 top bottom doctop size fontname upright object_type */
static PyObject *CHAR_KEY_TUPLE;

typedef struct {
    PyObject_HEAD PyObject *v[NKEYS];
} CharObject;

static PyTypeObject CharType;

static void char_dealloc(CharObject *self) {
    for (int i = 0; i < NKEYS; i++) Py_XDECREF(self->v[i]);
    PyObject_Free(self);
}

static int char_index(PyObject *key) {
    for (int i = 0; i < NKEYS; i++)
        if (key == CHAR_KEYS[i]) return i;
    if (!PyUnicode_Check(key)) return -1;
    for (int i = 0; i < NKEYS; i++)
        if (PyUnicode_Compare(key, CHAR_KEYS[i]) == 0) return i;
    return -1;
}

static PyObject *char_subscript(CharObject *self, PyObject *key) {
    int i = char_index(key);
    if (i < 0) {
        PyObject *t = PyTuple_Pack(1, key);
        if (t != NULL) {
            PyErr_SetObject(PyExc_KeyError, t);
            Py_DECREF(t);
        }
        return NULL;
    }
    Py_INCREF(self->v[i]);
    return self->v[i];
}

static Py_ssize_t char_length(CharObject *self) { return NKEYS; }

static int char_contains(CharObject *self, PyObject *key) { return char_index(key) >= 0; }

static PyObject *char_as_dict(CharObject *self) {
    PyObject *d = _PyDict_NewPresized(NKEYS);
    if (d == NULL) return NULL;
    for (int i = 0; i < NKEYS; i++) {
        if (PyDict_SetItem(d, CHAR_KEYS[i], self->v[i]) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PyObject *char_get(CharObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "get expected 1 or 2 arguments");
        return NULL;
    }
    int i = char_index(args[0]);
    PyObject *v = i >= 0 ? self->v[i] : (nargs == 2 ? args[1] : Py_None);
    Py_INCREF(v);
    return v;
}

static PyObject *char_keys(CharObject *self, PyObject *unused) { return PySequence_List(CHAR_KEY_TUPLE); }

static PyObject *char_values(CharObject *self, PyObject *unused) {
    PyObject *out = PyList_New(NKEYS);
    if (out == NULL) return NULL;
    for (int i = 0; i < NKEYS; i++) {
        Py_INCREF(self->v[i]);
        PyList_SET_ITEM(out, i, self->v[i]);
    }
    return out;
}

static PyObject *char_items(CharObject *self, PyObject *unused) {
    PyObject *out = PyList_New(NKEYS);
    if (out == NULL) return NULL;
    for (int i = 0; i < NKEYS; i++) {
        PyObject *t = PyTuple_Pack(2, CHAR_KEYS[i], self->v[i]);
        if (t == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, t);
    }
    return out;
}

static PyObject *char_reduce(CharObject *self, PyObject *unused) {
    PyObject *d = char_as_dict(self);
    if (d == NULL) return NULL;
    PyObject *r = Py_BuildValue("(O(N))", (PyObject *)&PyDict_Type, d);
    return r;
}

static PyObject *char_iter(CharObject *self) { return PyObject_GetIter(CHAR_KEY_TUPLE); }

static PyObject *char_richcompare(PyObject *a, PyObject *b, int op) {
    if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
    PyObject *x = Py_TYPE(a) == &CharType ? char_as_dict((CharObject *)a) : (Py_INCREF(a), a);
    PyObject *y = Py_TYPE(b) == &CharType ? char_as_dict((CharObject *)b) : (Py_INCREF(b), b);
    PyObject *r = NULL;
    if (x != NULL && y != NULL) r = PyObject_RichCompare(x, y, op);
    Py_XDECREF(x);
    Py_XDECREF(y);
    return r;
}

static PyObject *char_repr(CharObject *self) {
    PyObject *d = char_as_dict(self);
    if (d == NULL) return NULL;
    PyObject *r = PyObject_Repr(d);
    Py_DECREF(d);
    return r;
}

static PyMappingMethods char_as_mapping = {(lenfunc)char_length, (binaryfunc)char_subscript, NULL};
static PySequenceMethods char_as_sequence = {.sq_contains = (objobjproc)char_contains};

static PyMethodDef char_methods[] = {
    {"get", (PyCFunction)(void (*)(void))char_get, METH_FASTCALL, "c.get(key, default=None)"},
    {"keys", (PyCFunction)char_keys, METH_NOARGS, "the keys, as a list"},
    {"values", (PyCFunction)char_values, METH_NOARGS, "the values, as a list"},
    {"items", (PyCFunction)char_items, METH_NOARGS, "(key, value) pairs, as a list"},
    {"__reduce__", (PyCFunction)char_reduce, METH_NOARGS, "pickled and copied as a dict"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CharType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "extract._pdfium_read.Char",
    .tp_basicsize = sizeof(CharObject),
    .tp_dealloc = (destructor)char_dealloc,
    .tp_repr = (reprfunc)char_repr,
    .tp_as_sequence = &char_as_sequence,
    .tp_as_mapping = &char_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A character read by pdfium, as a read-only mapping with pdfplumber's char keys.",
    .tp_richcompare = char_richcompare,
    .tp_iter = (getiterfunc)char_iter,
    .tp_methods = char_methods,
};

/* a new Char holding new references to the values given (in CHAR_KEYS order); NULL on failure */
static PyObject *char_new(PyObject *const vals[NKEYS]) {
    CharObject *c = PyObject_New(CharObject, &CharType);
    if (c == NULL) return NULL;
    for (int i = 0; i < NKEYS; i++) {
        Py_INCREF(vals[i]);
        c->v[i] = vals[i];
    }
    return (PyObject *)c;
}

static int bind_one(PyObject *addrs, const char *name, void **slot) {
    PyObject *v = PyDict_GetItemString(addrs, name);
    if (v == NULL) {
        PyErr_Format(PyExc_KeyError, "pdfium function %s not given", name);
        return -1;
    }
    void *p = PyLong_AsVoidPtr(v);
    if (p == NULL) {
        if (!PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "pdfium function %s is NULL", name);
        return -1;
    }
    *slot = p;
    return 0;
}

static PyObject *bind(PyObject *self, PyObject *addrs) {
    if (!PyDict_Check(addrs)) {
        PyErr_SetString(PyExc_TypeError, "bind() takes a dict of function addresses");
        return NULL;
    }
#define B(name, field) if (bind_one(addrs, name, (void **)&F.field) < 0) return NULL
    B("FPDFText_GetUnicode", get_unicode);
    B("FPDFText_GetText", get_text);
    B("FPDFText_IsGenerated", is_generated);
    B("FPDFText_IsHyphen", is_hyphen);
    B("FPDFText_HasUnicodeMapError", unmapped);
    B("FPDFText_GetTextObject", text_object);
    B("FPDFText_GetCharOrigin", char_origin);
    B("FPDFText_GetCharBox", char_box);
    B("FPDFText_GetLooseCharBox", loose_box);
    B("FPDFText_GetMatrix", text_matrix);
    B("FPDFTextObj_GetFontSize", font_size);
    B("FPDFTextObj_GetFont", font_of);
    B("FPDFFont_GetGlyphWidth", glyph_width);
    B("FPDFPageObj_GetClipPath", clip_of);
    B("FPDFClipPath_CountPaths", clip_paths);
    B("FPDFClipPath_CountPathSegments", clip_segments);
    B("FPDFClipPath_GetPathSegment", clip_segment);
    B("FPDFPathSegment_GetPoint", segment_point);
    B("FPDFPage_CountObjects", page_count);
    B("FPDFFormObj_CountObjects", form_count);
    B("FPDFPath_CountSegments", path_count);
    B("FPDFPage_GetObject", page_object);
    B("FPDFFormObj_GetObject", form_object);
    B("FPDFPageObj_GetType", obj_type);
    B("FPDFPathSegment_GetType", segment_type);
    B("FPDFPathSegment_GetClose", segment_close);
    B("FPDFPageObj_GetMatrix", obj_matrix);
    B("FPDFPath_GetDrawMode", draw_mode);
    B("FPDFPath_GetPathSegment", path_segment);
#undef B
    F.bound = 1;
    Py_RETURN_NONE;
}


typedef struct { double a, b, c, d, e, f; } Mat;

static inline void apply(const Mat *m, double x, double y, double *ox, double *oy) {
    *ox = m->a * x + m->c * y + m->e;
    *oy = m->b * x + m->d * y + m->f;
}

/* ---- per-page caches ------------------------------------------------------------------------ */

typedef struct {
    void *font;
    double size;
    PyObject *name; /* owned */
    double descent;
} FontRec;

typedef struct {
    void *obj; /* NULL: empty slot */
    int font;  /* index into fonts */
    double pa, a, b, c, d, ylo, yhi, lo, hi;
    int simple, upright, unmapped, has_clip;
    double clip[4];
} ObjRec;

typedef struct {
    uint64_t key; /* (font index + 1) << 32 | code; 0: empty */
    double width;
    int ok;
} WidthRec;

/* The float object last made for a value: the characters of a line share their top, bottom,
 * doctop, size and centre, and a glyph often starts where the one before ended, so one float
 * object serves them all (values compared bit for bit: -0.0 and 0.0 stay apart). Fewer
 * objects to allocate and free per character; the values are the same. */
typedef struct {
    double v;
    PyObject *o;
} FloatMemo;

static PyObject *memo_float(FloatMemo *m, double v) {
    if (m->o != NULL && memcmp(&m->v, &v, sizeof v) == 0) {
        Py_INCREF(m->o);
        return m->o;
    }
    PyObject *o = PyFloat_FromDouble(v);
    if (o == NULL) return NULL;
    Py_XSETREF(m->o, o);
    Py_INCREF(o);
    m->v = v;
    return o;
}

enum { M_X, M_TOP, M_BOTTOM, M_DOCTOP, M_SIZE, M_CENTRE, M_GSIZE, N_MEMOS };

typedef struct {
    FontRec *fonts;
    Py_ssize_t n_fonts, cap_fonts;
    ObjRec *objs;
    size_t objs_cap, objs_used;
    WidthRec *widths;
    size_t widths_cap, widths_used;
    FloatMemo floats[N_MEMOS];
} Caches;

static void caches_free(Caches *c) {
    for (Py_ssize_t i = 0; i < c->n_fonts; i++) Py_XDECREF(c->fonts[i].name);
    for (int i = 0; i < N_MEMOS; i++) Py_XDECREF(c->floats[i].o);
    PyMem_Free(c->fonts);
    PyMem_Free(c->objs);
    PyMem_Free(c->widths);
}

static inline size_t hash_ptr(void *p) {
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

static ObjRec *obj_slot(Caches *c, void *obj) {
    size_t mask = c->objs_cap - 1, i = hash_ptr(obj) & mask;
    while (c->objs[i].obj != NULL && c->objs[i].obj != obj) i = (i + 1) & mask;
    return &c->objs[i];
}

static int objs_grow(Caches *c) {
    size_t old_cap = c->objs_cap;
    ObjRec *old = c->objs;
    size_t cap = old_cap ? old_cap * 2 : 256;
    c->objs = PyMem_Calloc(cap, sizeof(ObjRec));
    if (c->objs == NULL) {
        c->objs = old;
        PyErr_NoMemory();
        return -1;
    }
    c->objs_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].obj != NULL) *obj_slot(c, old[i].obj) = old[i];
    PyMem_Free(old);
    return 0;
}

static WidthRec *width_slot(Caches *c, uint64_t key) {
    size_t mask = c->widths_cap - 1, i = hash_ptr((void *)(uintptr_t)key) & mask;
    while (c->widths[i].key != 0 && c->widths[i].key != key) i = (i + 1) & mask;
    return &c->widths[i];
}

static int widths_grow(Caches *c) {
    size_t old_cap = c->widths_cap;
    WidthRec *old = c->widths;
    size_t cap = old_cap ? old_cap * 2 : 512;
    c->widths = PyMem_Calloc(cap, sizeof(WidthRec));
    if (c->widths == NULL) {
        c->widths = old;
        PyErr_NoMemory();
        return -1;
    }
    c->widths_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key != 0) *width_slot(c, old[i].key) = old[i];
    PyMem_Free(old);
    return 0;
}

/* The font's advance for ``code`` (text space x size), as FontInfo.advance; 0 = None. */
static int font_advance(Caches *c, int fi, unsigned int code, double *out) {
    if (c->widths_used * 2 >= c->widths_cap && widths_grow(c) < 0) return -1;
    uint64_t key = ((uint64_t)(fi + 1) << 32) | code;
    WidthRec *w = width_slot(c, key);
    if (w->key == 0) {
        float v = 0.0f;
        FontRec *f = &c->fonts[fi];
        w->key = key;
        w->ok = f->font != NULL && F.glyph_width(f->font, code, (float)f->size, &v) != 0;
        w->width = (double)v;
        c->widths_used++;
    }
    *out = w->width;
    return w->ok;
}

/* The index of the font record of a text object (font handle, size), made on first use. */
static int font_record(Caches *c, void *tp, int index, void *obj, PyObject *font_info) {
    float fsize = 0.0f;
    F.font_size(obj, &fsize);
    double size = (double)fsize;
    void *font = F.font_of(obj);
    for (Py_ssize_t i = 0; i < c->n_fonts; i++)
        if (c->fonts[i].font == font && c->fonts[i].size == size) return (int)i;
    PyObject *got = PyObject_CallFunction(font_info, "nnnd", (Py_ssize_t)(uintptr_t)tp, (Py_ssize_t)index,
                                          (Py_ssize_t)(uintptr_t)font, size);
    if (got == NULL) return -1;
    PyObject *name = NULL;
    double descent = 0.0;
    if (!PyArg_ParseTuple(got, "Ud", &name, &descent)) {
        Py_DECREF(got);
        return -1;
    }
    if (c->n_fonts == c->cap_fonts) {
        Py_ssize_t cap = c->cap_fonts ? c->cap_fonts * 2 : 8;
        FontRec *grown = PyMem_Realloc(c->fonts, cap * sizeof(FontRec));
        if (grown == NULL) {
            Py_DECREF(got);
            PyErr_NoMemory();
            return -1;
        }
        c->fonts = grown;
        c->cap_fonts = cap;
    }
    FontRec *f = &c->fonts[c->n_fonts];
    f->font = font;
    f->size = size;
    f->descent = descent;
    Py_INCREF(name);
    f->name = name;
    Py_DECREF(got);
    return (int)c->n_fonts++;
}

/* pdfium_paths.clip_box: the box the object's clipping path leaves visible; 0 when unclipped. */
static int clip_box(void *obj, const Mat *ctm, double box[4]) {
    void *clip = F.clip_of(obj);
    if (clip == NULL) return 0;
    int have = 0;
    int paths = F.clip_paths(clip);
    for (int p = 0; p < paths; p++) {
        int segs = F.clip_segments(clip, p);
        int any = 0;
        double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
        for (int s = 0; s < segs; s++) {
            void *seg = F.clip_segment(clip, p, s);
            float fx, fy;
            if (seg != NULL && F.segment_point(seg, &fx, &fy)) {
                double x = fx, y = fy;
                if (!any) {
                    xmin = xmax = x;
                    ymin = ymax = y;
                    any = 1;
                } else {
                    xmin = pmin(xmin, x);
                    xmax = pmax(xmax, x);
                    ymin = pmin(ymin, y);
                    ymax = pmax(ymax, y);
                }
            }
        }
        if (!any) continue;
        double cx[4], cy[4];
        apply(ctm, xmin, ymin, &cx[0], &cy[0]);
        apply(ctm, xmin, ymax, &cx[1], &cy[1]);
        apply(ctm, xmax, ymin, &cx[2], &cy[2]);
        apply(ctm, xmax, ymax, &cx[3], &cy[3]);
        double b[4] = {cx[0], cy[0], cx[0], cy[0]};
        for (int k = 1; k < 4; k++) {
            b[0] = pmin(b[0], cx[k]);
            b[1] = pmin(b[1], cy[k]);
            b[2] = pmax(b[2], cx[k]);
            b[3] = pmax(b[3], cy[k]);
        }
        if (!have) {
            memcpy(box, b, sizeof b);
            have = 1;
        } else {
            box[0] = pmax(box[0], b[0]);
            box[1] = pmax(box[1], b[1]);
            box[2] = pmin(box[2], b[2]);
            box[3] = pmin(box[3], b[3]);
        }
    }
    return have;
}

/* ---- strings -------------------------------------------------------------------------------- */

static PyObject *small_chars[0x800];

static PyObject *char_string(Py_UCS4 code) {
    if (code < 0x800) {
        PyObject *s = small_chars[code];
        if (s == NULL) {
            s = small_chars[code] = PyUnicode_FromOrdinal((int)code);
            if (s == NULL) return NULL;
        }
        Py_INCREF(s);
        return s;
    }
    return PyUnicode_FromOrdinal((int)code);
}

static inline int is_surrogate(unsigned int u) { return u >= 0xD800 && u <= 0xDFFF; }

/* The page's text in one call, one code unit per character index (as _page_text): NULL when
 * that does not hold (a surrogate pair makes one character of two units). */
static unsigned int *page_text(void *tp, int n) {
    unsigned short *buf = PyMem_Calloc((size_t)n + 1, sizeof(unsigned short));
    if (buf == NULL) return NULL;
    int got = F.get_text(tp, 0, n, buf);
    int len = got - 1 > 0 ? got - 1 : 0;
    unsigned int *out = NULL;
    if (len == n) {
        int pair = 0;
        for (int i = 0; i + 1 < n; i++)
            if (buf[i] >= 0xD800 && buf[i] <= 0xDBFF && buf[i + 1] >= 0xDC00 && buf[i + 1] <= 0xDFFF) {
                pair = 1;
                break;
            }
        if (!pair) {
            out = PyMem_Calloc((size_t)n + 1, sizeof(unsigned int));
            if (out != NULL)
                for (int i = 0; i < n; i++) out[i] = is_surrogate(buf[i]) ? 0xFFFD : buf[i];
        }
    }
    PyMem_Free(buf);
    return out;
}

/* ---- the loop ------------------------------------------------------------------------------- */

/* page_chars(tp, n, geometry, font_info, out, clip_slack) -> out (a CharList with .glyphs)
 * geometry: (height, mb_top, mb_x0, initial_doctop, ctm_a, ctm_b, ctm_c, ctm_d, ctm_e, ctm_f) */
static PyObject *page_chars(PyObject *self, PyObject *args) {
    Py_ssize_t tp_addr;
    int n;
    PyObject *geo, *font_info, *out;
    double slack;
    if (!PyArg_ParseTuple(args, "niOOOd", &tp_addr, &n, &geo, &font_info, &out, &slack)) return NULL;
    if (!F.bound) {
        PyErr_SetString(PyExc_RuntimeError, "bind() the pdfium functions first");
        return NULL;
    }
    if (!PyList_Check(out)) {
        PyErr_SetString(PyExc_TypeError, "out must be a list");
        return NULL;
    }
    double height, mb_top, mb_x0, doctop0;
    Mat ctm;
    if (!PyArg_ParseTuple(geo, "dddddddddd", &height, &mb_top, &mb_x0, &doctop0, &ctm.a, &ctm.b, &ctm.c,
                          &ctm.d, &ctm.e, &ctm.f))
        return NULL;
    void *tp = (void *)(uintptr_t)tp_addr;
    Mat rot = {ctm.a, ctm.b, ctm.c, ctm.d, 0.0, 0.0};
    int plain_page = ctm.a == 1 && ctm.b == 0 && ctm.c == 0 && ctm.d == 1;
    double ce = ctm.e, cf = ctm.f;

    PyObject *glyphs = PyList_New(0);
    if (glyphs == NULL) return NULL;
    Caches c;
    memset(&c, 0, sizeof c);
    unsigned int *text = n > 0 ? page_text(tp, n) : NULL;
    if (PyErr_Occurred()) goto fail;

    /* the values pdfium leaves in place when a call fails (the Python code reuses its buffers) */
    double ox = 0, oy = 0, left = 0, right = 0, bottom = 0, top_ = 0;
    FS_MATRIX m = {0, 0, 0, 0, 0, 0};
    FS_RECTF box = {0, 0, 0, 0};
    void *last_obj = NULL;
    ObjRec cur;
    memset(&cur, 0, sizeof cur);
    FontRec *font = NULL;
    if (objs_grow(&c) < 0) goto fail;

    for (int i = 0; i < n; i++) {
        Py_UCS4 code = text != NULL ? text[i] : F.get_unicode(tp, i);
        if (code > 0x10FFFF) {
            PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
            goto fail;
        }
        int cid = 0;
        if (code <= 0x20 || code == 0xFFFE || Py_UNICODE_ISSPACE(code)) {
            if (F.is_generated(tp, i)) continue;
            if ((code == 0x02 || code == 0xFFFE) && F.is_hyphen(tp, i)) code = '-';
        }
        void *obj = F.text_object(tp, i);
        if (obj == NULL) continue;
        if (obj != last_obj) {
            ObjRec *slot = obj_slot(&c, obj);
            if (slot->obj == NULL) {
                int fi = font_record(&c, tp, i, obj, font_info);
                if (fi < 0) goto fail;
                FontRec *f = &c.fonts[fi];
                F.text_matrix(tp, i, &m);
                double m_a = m.a, m_b = m.b, m_c = m.c, m_d = m.d;
                double ma = rot.a * m_a + rot.c * m_b, mb = rot.b * m_a + rot.d * m_b;
                double mc = rot.a * m_c + rot.c * m_d, md = rot.b * m_c + rot.d * m_d;
                double olo = f->descent * f->size;
                double ohi = olo + f->size;
                ObjRec r;
                memset(&r, 0, sizeof r);
                r.obj = obj;
                r.font = fi;
                r.pa = m_a;
                r.a = ma, r.b = mb, r.c = mc, r.d = md;
                r.simple = mb == 0 && mc == 0 && (m_a > 1e-6 || m_a < -1e-6);
                r.ylo = pmin(md * olo, md * ohi);
                r.yhi = pmax(md * olo, md * ohi);
                r.lo = olo, r.hi = ohi;
                r.upright = ma * md > 0 && mb * mc <= 0;
                r.unmapped = F.unmapped(tp, i) != 0;
                r.has_clip = clip_box(obj, &ctm, r.clip);
                *slot = r;
                c.objs_used++;
                cur = r;
                if (c.objs_used * 2 >= c.objs_cap && objs_grow(&c) < 0) goto fail;
            } else {
                cur = *slot;
            }
            font = &c.fonts[cur.font];
            last_obj = obj;
        }
        if ((cur.unmapped || code < 0x20) && F.unmapped(tp, i)) cid = 1;
        F.char_origin(tp, i, &ox, &oy);
        double e, f;
        if (plain_page) {
            e = ox + ce;
            f = oy + cf;
        } else {
            apply(&ctm, ox, oy, &e, &f);
        }
        double x0, x1, y0, y1;
        if (cur.simple || cur.pa > 1e-6 || cur.pa < -1e-6) {
            double adv;
            int ok = 0;
            if (!cid) {
                ok = font_advance(&c, cur.font, code, &adv);
                if (ok < 0) goto fail;
                font = &c.fonts[cur.font];
            }
            if (!ok) {
                F.loose_box(tp, i, &box);
                adv = ((double)box.right - (double)box.left) / cur.pa;
            }
            if (cur.simple) {
                double w = adv * cur.a;
                if (w >= 0) {
                    x0 = e;
                    x1 = e + w;
                } else {
                    x0 = e + w;
                    x1 = e;
                }
                y0 = f + cur.ylo;
                y1 = f + cur.yhi;
            } else {
                double xs[4] = {e + cur.c * cur.lo, e + adv * cur.a + cur.c * cur.lo, e + cur.c * cur.hi,
                                e + adv * cur.a + cur.c * cur.hi};
                double ys[4] = {f + cur.d * cur.lo, f + adv * cur.b + cur.d * cur.lo, f + cur.d * cur.hi,
                                f + adv * cur.b + cur.d * cur.hi};
                x0 = x1 = xs[0];
                y0 = y1 = ys[0];
                for (int k = 1; k < 4; k++) {
                    x0 = pmin(x0, xs[k]);
                    x1 = pmax(x1, xs[k]);
                    y0 = pmin(y0, ys[k]);
                    y1 = pmax(y1, ys[k]);
                }
            }
        } else { /* text turned a quarter: pdfium's glyph box */
            F.char_box(tp, i, &left, &right, &bottom, &top_);
            double px0, py0, px1, py1;
            apply(&ctm, left, bottom, &px0, &py0);
            apply(&ctm, right, top_, &px1, &py1);
            x0 = pmin(px0, px1);
            x1 = pmax(px0, px1);
            y0 = pmin(py0, py1);
            y1 = pmax(py0, py1);
        }
        if (cur.has_clip) {
            double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
            if (!(cur.clip[0] - slack <= cx && cx <= cur.clip[2] + slack && cur.clip[1] - slack <= cy &&
                  cy <= cur.clip[3] + slack))
                continue;
        }
        double top = (height - y1) + mb_top;
        if (mb_x0 != 0) {
            x0 = x0 + mb_x0;
            x1 = x1 + mb_x0;
        }
        double bottom_ = (height - y0) + mb_top;
        double size = cur.a == 0 ? (x1 - x0) : (y1 - y0);

        PyObject *ch = cid ? PyUnicode_FromFormat("(cid:%u)", (unsigned int)code) : char_string(code);
        /* x0 is often the x1 before it (one memo for both); x1 is kept for the next x0 */
        PyObject *vx0 = memo_float(&c.floats[M_X], x0), *vx1 = memo_float(&c.floats[M_X], x1),
                 *vtop = memo_float(&c.floats[M_TOP], top), *vbottom = memo_float(&c.floats[M_BOTTOM], bottom_),
                 *vdoctop = memo_float(&c.floats[M_DOCTOP], doctop0 + top), *vsize = memo_float(&c.floats[M_SIZE], size);
        PyObject *d = NULL;
        int bad = ch == NULL || vx0 == NULL || vx1 == NULL || vtop == NULL || vbottom == NULL ||
                  vdoctop == NULL || vsize == NULL;
        if (!bad) {
            PyObject *const vals[NKEYS] = {ch,     vx0,   vx1,        vtop,
                                           vbottom, vdoctop, vsize, font->name,
                                           cur.upright ? Py_True : Py_False, V_CHAR};
            d = char_new(vals);
            bad = d == NULL || PyList_Append(out, d) < 0;
        }
        if (!bad && cur.upright && !(!cid && Py_UNICODE_ISSPACE(code))) {
            PyObject *g = PyTuple_New(9);
            PyObject *centre = memo_float(&c.floats[M_CENTRE], (top + bottom_) / 2), *gsize = vsize;
            if (size == 0) gsize = memo_float(&c.floats[M_GSIZE], (bottom_ - top) != 0 ? (bottom_ - top) : 1.0);
            else Py_INCREF(gsize);
            bad = g == NULL || centre == NULL || gsize == NULL;
            if (!bad) {
                Py_INCREF(vx0), Py_INCREF(vx1), Py_INCREF(vtop), Py_INCREF(vbottom), Py_INCREF(ch),
                    Py_INCREF(font->name), Py_INCREF(d);
                PyTuple_SET_ITEM(g, 0, centre);
                PyTuple_SET_ITEM(g, 1, gsize);
                PyTuple_SET_ITEM(g, 2, vx0);
                PyTuple_SET_ITEM(g, 3, vx1);
                PyTuple_SET_ITEM(g, 4, vtop);
                PyTuple_SET_ITEM(g, 5, vbottom);
                PyTuple_SET_ITEM(g, 6, ch);
                PyTuple_SET_ITEM(g, 7, font->name);
                PyTuple_SET_ITEM(g, 8, d);
                bad = PyList_Append(glyphs, g) < 0;
            } else {
                Py_XDECREF(centre);
                Py_XDECREF(gsize);
            }
            Py_XDECREF(g);
        }
        Py_XDECREF(ch);
        Py_XDECREF(d);
        Py_XDECREF(vx0), Py_XDECREF(vx1), Py_XDECREF(vtop), Py_XDECREF(vbottom), Py_XDECREF(vdoctop),
            Py_XDECREF(vsize);
        if (bad) goto fail;
    }
    PyMem_Free(text);
    caches_free(&c);
    if (PyObject_SetAttr(out, S_GLYPHS, glyphs) < 0) {
        Py_DECREF(glyphs);
        return NULL;
    }
    Py_DECREF(glyphs);
    Py_INCREF(out);
    return out;
fail:
    PyMem_Free(text);
    caches_free(&c);
    Py_DECREF(glyphs);
    return NULL;
}


/* ---- path objects --------------------------------------------------------------------------- */

#define OBJ_PATH 2
#define OBJ_FORM 5
#define SEG_BEZIER 1
#define SEG_MOVE 2

static PyObject *OP_M, *OP_L, *OP_C, *OP_H;

/* memo[v], computing short(v) on a miss (_short_memo) */
static PyObject *short_memo(PyObject *memo, PyObject *short_fn, double v) {
    PyObject *key = PyFloat_FromDouble(v);
    if (key == NULL) return NULL;
    PyObject *got = PyDict_GetItemWithError(memo, key);
    if (got != NULL) {
        Py_INCREF(got);
        Py_DECREF(key);
        return got;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return NULL;
    }
    got = PyObject_CallOneArg(short_fn, key);
    if (got == NULL || PyDict_SetItem(memo, key, got) < 0) {
        Py_XDECREF(got);
        Py_DECREF(key);
        return NULL;
    }
    Py_DECREF(key);
    return got;
}

/* _path_subpaths: a path object's segments as pdfminer operations with end points */
static PyObject *path_subpaths(void *obj, PyObject *memo, PyObject *short_fn) {
    PyObject *subpaths = PyList_New(0), *current = PyList_New(0);
    if (subpaths == NULL || current == NULL) goto fail;
    float fx = 0.0f, fy = 0.0f;
    int bezier = 0;
    int n = F.path_count(obj);
    for (int i = 0; i < n; i++) {
        void *seg = F.path_segment(obj, i);
        int kind = F.segment_type(seg);
        F.segment_point(seg, &fx, &fy);
        PyObject *sx = short_memo(memo, short_fn, (double)fx);
        PyObject *sy = sx == NULL ? NULL : short_memo(memo, short_fn, (double)fy);
        if (sy == NULL) {
            Py_XDECREF(sx);
            goto fail;
        }
        PyObject *op = NULL;
        if (kind == SEG_MOVE) {
            if (PyList_GET_SIZE(current) > 0) {
                int bad = PyList_Append(subpaths, current) < 0;
                Py_DECREF(current);
                current = PyList_New(0);
                if (bad || current == NULL) {
                    Py_DECREF(sx), Py_DECREF(sy);
                    goto fail;
                }
            }
            op = OP_M;
            bezier = 0;
        } else if (kind == SEG_BEZIER) {
            bezier += 1;
            if (bezier == 3) { /* two control points, then the end point */
                op = OP_C;
                bezier = 0;
            }
        } else {
            op = OP_L;
        }
        if (op != NULL) {
            PyObject *item = Py_BuildValue("(O(NN))", op, sx, sy);
            if (item == NULL || PyList_Append(current, item) < 0) {
                Py_XDECREF(item);
                goto fail;
            }
            Py_DECREF(item);
        } else {
            Py_DECREF(sx), Py_DECREF(sy);
        }
        if (F.segment_close(seg) && PyList_GET_SIZE(current) > 0) {
            PyObject *first = PyTuple_GET_ITEM(PyList_GET_ITEM(current, 0), 1);
            PyObject *item = Py_BuildValue("(OO)", OP_H, first);
            if (item == NULL || PyList_Append(current, item) < 0) {
                Py_XDECREF(item);
                goto fail;
            }
            Py_DECREF(item);
        }
    }
    if (PyList_GET_SIZE(current) > 0 && PyList_Append(subpaths, current) < 0) goto fail;
    Py_DECREF(current);
    return subpaths;
fail:
    Py_XDECREF(subpaths);
    Py_XDECREF(current);
    return NULL;
}

/* _iter_path_objects + the per-object part of page_paths, appended to ``out`` as
 * (matrix, fill, stroke, subpaths); ``parent`` NULL at page level */
static int path_objects(void *container, int is_form, const Mat *parent, PyObject *memo, PyObject *short_fn,
                        PyObject *out, int depth, int *fill, int *stroke) {
    if (depth > 256) { /* pdfium refuses far shallower nesting itself; this only bounds the C stack */
        PyErr_SetString(PyExc_ValueError, "form XObjects nested deeper than 256 levels");
        return -1;
    }
    FS_MATRIX m = {0, 0, 0, 0, 0, 0};
    int n = is_form ? F.form_count(container) : F.page_count(container);
    for (int i = 0; i < n; i++) {
        void *obj = is_form ? F.form_object(container, (unsigned long)i) : F.page_object(container, i);
        int kind = F.obj_type(obj);
        if (kind != OBJ_PATH && kind != OBJ_FORM) continue;
        F.obj_matrix(obj, &m);
        float raw[6] = {m.a, m.b, m.c, m.d, m.e, m.f};
        double v[6];
        for (int k = 0; k < 6; k++) {
            PyObject *s = short_memo(memo, short_fn, (double)raw[k]);
            if (s == NULL) return -1;
            v[k] = PyFloat_AsDouble(s);
            Py_DECREF(s);
            if (v[k] == -1.0 && PyErr_Occurred()) return -1;
        }
        Mat mat = {v[0], v[1], v[2], v[3], v[4], v[5]};
        if (parent != NULL) { /* _mult(mat, parent) */
            const Mat *p = parent;
            Mat r = {p->a * mat.a + p->c * mat.b, p->b * mat.a + p->d * mat.b, p->a * mat.c + p->c * mat.d,
                     p->b * mat.c + p->d * mat.d, p->a * mat.e + p->c * mat.f + p->e,
                     p->b * mat.e + p->d * mat.f + p->f};
            mat = r;
        }
        if (kind == OBJ_PATH) {
            F.draw_mode(obj, fill, stroke);
            PyObject *subpaths = path_subpaths(obj, memo, short_fn);
            if (subpaths == NULL) return -1;
            PyObject *item = Py_BuildValue("((dddddd)OON)", mat.a, mat.b, mat.c, mat.d, mat.e, mat.f,
                                           *fill ? Py_True : Py_False, *stroke ? Py_True : Py_False, subpaths);
            if (item == NULL || PyList_Append(out, item) < 0) {
                Py_XDECREF(item);
                return -1;
            }
            Py_DECREF(item);
        } else if (path_objects(obj, 1, &mat, memo, short_fn, out, depth + 1, fill, stroke) < 0) {
            return -1;
        }
    }
    return 0;
}

/* page_path_objects(page, memo, short) -> [(matrix, fill, stroke, subpaths)] in content order */
static PyObject *page_path_objects(PyObject *self, PyObject *args) {
    Py_ssize_t page_addr;
    PyObject *memo, *short_fn;
    if (!PyArg_ParseTuple(args, "nO!O", &page_addr, &PyDict_Type, &memo, &short_fn)) return NULL;
    if (!F.bound) {
        PyErr_SetString(PyExc_RuntimeError, "bind() the pdfium functions first");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    int fill = 0, stroke = 0; /* as the Python code: kept from the last path when pdfium fails */
    if (path_objects((void *)(uintptr_t)page_addr, 0, NULL, memo, short_fn, out, 0, &fill, &stroke) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

/* ---- painting subpaths (pdfminer's paint_path, pdfplumber's object dicts) --------------------- */

static PyObject *K_OBJECT_TYPE2, *K_Y0, *K_Y1, *K_WIDTH, *K_HEIGHT, *K_STROKE, *K_FILL, *K_PTS, *V_LINE, *V_RECT,
    *V_CURVE;

typedef struct {
    double height, mb_top, mb_x0, mb_y0, doctop;
} Geo;

/* d[key] = value, stealing the reference to value (NULL: an error already set) */
static int set_steal(PyObject *d, PyObject *key, PyObject *value) {
    if (value == NULL) return -1;
    int r = PyDict_SetItem(d, key, value);
    Py_DECREF(value);
    return r;
}

static int put(PyObject *d, PyObject *k, double v) { return set_steal(d, k, PyFloat_FromDouble(v)); }

/* _Geometry.obj(kind, x0, y0, x1, y1) | paint */
static PyObject *geo_obj(const Geo *g, PyObject *kind, double x0, double y0, double x1, double y1, PyObject *stroke,
                         PyObject *fill) {
    double top = (g->height - y1) + g->mb_top, bottom = (g->height - y0) + g->mb_top;
    double width = x1 - x0, height = y1 - y0;
    if (g->mb_x0 != 0) {
        x0 = x0 + g->mb_x0;
        x1 = x1 + g->mb_x0;
    }
    PyObject *d = PyDict_New();
    if (d == NULL) return NULL;
    if (PyDict_SetItem(d, K_OBJECT_TYPE2, kind) < 0 || put(d, K_X0, x0) < 0 || put(d, K_Y0, y0) < 0 ||
        put(d, K_X1, x1) < 0 || put(d, K_Y1, y1) < 0 || put(d, K_WIDTH, width) < 0 || put(d, K_HEIGHT, height) < 0 ||
        put(d, K_TOP, top) < 0 || put(d, K_BOTTOM, bottom) < 0 || put(d, K_DOCTOP, g->doctop + top) < 0 ||
        PyDict_SetItem(d, K_STROKE, stroke) < 0 || PyDict_SetItem(d, K_FILL, fill) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

static int append_to(PyObject *found, PyObject *kind, PyObject *obj) {
    if (obj == NULL) return -1;
    PyObject *list = dict_item(found, kind);
    int r = list == NULL ? -1 : PyList_Append(list, obj);
    Py_DECREF(obj);
    return r;
}

/* _paint_path for one subpath (a list of (op, (x, y))) */
static int paint_one(PyObject *ops, const Mat *ctm, const Geo *g, PyObject *found, PyObject *stroke, PyObject *fill) {
    Py_ssize_t n = PyList_GET_SIZE(ops);
    if (n < 2) return 0;
    char shape[8];
    int long_shape = n > 6;
    double *px = PyMem_Malloc((size_t)n * sizeof(double)), *py = PyMem_Malloc((size_t)n * sizeof(double));
    if (px == NULL || py == NULL) {
        PyMem_Free(px);
        PyMem_Free(py);
        PyErr_NoMemory();
        return -1;
    }
    int r = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *op = PyList_GET_ITEM(ops, i);
        PyObject *name = PyTuple_GET_ITEM(op, 0), *pt = PyTuple_GET_ITEM(op, 1);
        if (i < 7) shape[i] = (char)PyUnicode_READ_CHAR(name, 0);
        double x = PyFloat_AsDouble(PyTuple_GET_ITEM(pt, 0)), y = PyFloat_AsDouble(PyTuple_GET_ITEM(pt, 1));
        if (PyErr_Occurred()) {
            r = -1;
            goto done;
        }
        apply(ctm, x, y, &px[i], &py[i]);
    }
    if (shape[0] != 'm') goto done;
    Py_ssize_t m = n; /* "…lh" closing on the first point: the "l" is dropped ("…h") */
    int ends_lh = n > 3 && (char)PyUnicode_READ_CHAR(PyTuple_GET_ITEM(PyList_GET_ITEM(ops, n - 2), 0), 0) == 'l' &&
                  (char)PyUnicode_READ_CHAR(PyTuple_GET_ITEM(PyList_GET_ITEM(ops, n - 1), 0), 0) == 'h';
    if (ends_lh && px[n - 2] == px[0] && py[n - 2] == py[0]) {
        m = n - 1;
        if (m - 1 < 7) shape[m - 1] = 'h'; /* the last point (the "h" one) is dropped */
    }
    if (!long_shape || m <= 5) {
        if ((m == 3 && shape[1] == 'l' && shape[2] == 'h') || (m == 2 && shape[1] == 'l')) {
            r = append_to(found, V_LINE,
                          geo_obj(g, V_LINE, pmin(px[0], px[1]), pmin(py[0], py[1]), pmax(px[0], px[1]),
                                  pmax(py[0], py[1]), stroke, fill));
            goto done;
        }
        if (m == 5 && shape[1] == 'l' && shape[2] == 'l' && shape[3] == 'l' && (shape[4] == 'h' || shape[4] == 'l')) {
            double x0 = px[0], y0 = py[0], x1 = px[1], y1 = py[1], x2 = px[2], y2 = py[2], x3 = px[3], y3 = py[3];
            int square = (x0 == x1 && y1 == y2 && x2 == x3 && y3 == y0) || (y0 == y1 && x1 == x2 && y2 == y3 && x3 == x0);
            if (px[0] == px[4] && py[0] == py[4] && square) {
                r = append_to(found, V_RECT,
                              geo_obj(g, V_RECT, pmin(x0, x2), pmin(y0, y2), pmax(x0, x2), pmax(y0, y2), stroke, fill));
                goto done;
            }
        }
    }
    { /* a curve: its bounding box and its points */
        double x0 = px[0], y0 = py[0], x1 = px[0], y1 = py[0];
        for (Py_ssize_t i = 1; i < m; i++) {
            x0 = pmin(x0, px[i]);
            y0 = pmin(y0, py[i]);
            x1 = pmax(x1, px[i]);
            y1 = pmax(y1, py[i]);
        }
        PyObject *curve = geo_obj(g, V_CURVE, x0, y0, x1, y1, stroke, fill);
        PyObject *pts = curve == NULL ? NULL : PyList_New(m);
        for (Py_ssize_t i = 0; pts != NULL && i < m; i++) { /* _Geometry.point */
            PyObject *p = Py_BuildValue("(dd)", g->mb_x0 + px[i], g->mb_y0 + g->height - py[i]);
            if (p == NULL) {
                Py_CLEAR(pts);
                break;
            }
            PyList_SET_ITEM(pts, i, p);
        }
        if (pts == NULL || PyDict_SetItem(curve, K_PTS, pts) < 0) {
            Py_XDECREF(pts);
            Py_XDECREF(curve);
            r = -1;
            goto done;
        }
        Py_DECREF(pts);
        r = append_to(found, V_CURVE, curve);
    }
done:
    PyMem_Free(px);
    PyMem_Free(py);
    return r;
}

/* paint_paths(path_objects, geometry, found): page_paths' loop; geometry = (height, mb_top, mb_x0,
 * mb_y0, initial_doctop, ctm_a..ctm_f) */
static PyObject *paint_paths(PyObject *self, PyObject *args) {
    PyObject *objects, *geo, *found;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &objects, &PyTuple_Type, &geo, &PyDict_Type, &found))
        return NULL;
    Geo g;
    Mat page;
    if (!PyArg_ParseTuple(geo, "ddddddddddd", &g.height, &g.mb_top, &g.mb_x0, &g.mb_y0, &g.doctop, &page.a, &page.b,
                          &page.c, &page.d, &page.e, &page.f))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(objects);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(objects, i), *m6, *fill, *stroke, *subpaths;
        if (!PyArg_ParseTuple(item, "O!OOO!", &PyTuple_Type, &m6, &fill, &stroke, &PyList_Type, &subpaths)) return NULL;
        Mat mat;
        if (!PyArg_ParseTuple(m6, "dddddd", &mat.a, &mat.b, &mat.c, &mat.d, &mat.e, &mat.f)) return NULL;
        /* _mult(mat, page matrix) */
        Mat ctm = {page.a * mat.a + page.c * mat.b, page.b * mat.a + page.d * mat.b, page.a * mat.c + page.c * mat.d,
                   page.b * mat.c + page.d * mat.d, page.a * mat.e + page.c * mat.f + page.e,
                   page.b * mat.e + page.d * mat.f + page.f};
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(subpaths); k++) {
            PyObject *ops = PyList_GET_ITEM(subpaths, k);
            if (!PyList_Check(ops)) {
                PyErr_SetString(PyExc_TypeError, "a subpath is a list of (op, point)");
                return NULL;
            }
            if (paint_one(ops, &ctm, &g, found, stroke, fill) < 0) return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* ---- line and rect edges: pdfplumber's line_to_edge and rect_to_edges ----------------------- */
static PyObject *K_ORIENTATION, *V_RECT_EDGE, *V_H, *V_V, *ZERO;

/* the four edges of a rect, in pdfplumber's order (top, bottom, left, right); keys set in the
 * order of its dict literals, values computed by the same Python operations */
static int rect_edges(PyObject *rect, PyObject *out) {
    PyObject *y0 = dict_item(rect, K_Y0), *y1 = dict_item(rect, K_Y1), *top = dict_item(rect, K_TOP);
    PyObject *height = dict_item(rect, K_HEIGHT), *doctop = dict_item(rect, K_DOCTOP);
    PyObject *x0 = dict_item(rect, K_X0), *x1 = dict_item(rect, K_X1);
    if (y0 == NULL || y1 == NULL || top == NULL || height == NULL || doctop == NULL || x0 == NULL || x1 == NULL)
        return -1;
    PyObject *e[4] = {PyDict_Copy(rect), PyDict_Copy(rect), PyDict_Copy(rect), PyDict_Copy(rect)};
    int bad = e[0] == NULL || e[1] == NULL || e[2] == NULL || e[3] == NULL;
    if (!bad) /* top */
        bad = PyDict_SetItem(e[0], K_OBJECT_TYPE2, V_RECT_EDGE) < 0 || PyDict_SetItem(e[0], K_HEIGHT, ZERO) < 0 ||
              PyDict_SetItem(e[0], K_Y0, y1) < 0 || PyDict_SetItem(e[0], K_BOTTOM, top) < 0 ||
              PyDict_SetItem(e[0], K_ORIENTATION, V_H) < 0;
    if (!bad) /* bottom */
        bad = PyDict_SetItem(e[1], K_OBJECT_TYPE2, V_RECT_EDGE) < 0 || PyDict_SetItem(e[1], K_HEIGHT, ZERO) < 0 ||
              PyDict_SetItem(e[1], K_Y1, y0) < 0 || set_steal(e[1], K_TOP, PyNumber_Add(top, height)) < 0 ||
              set_steal(e[1], K_DOCTOP, PyNumber_Add(doctop, height)) < 0 ||
              PyDict_SetItem(e[1], K_ORIENTATION, V_H) < 0;
    if (!bad) /* left */
        bad = PyDict_SetItem(e[2], K_OBJECT_TYPE2, V_RECT_EDGE) < 0 || PyDict_SetItem(e[2], K_WIDTH, ZERO) < 0 ||
              PyDict_SetItem(e[2], K_X1, x0) < 0 || PyDict_SetItem(e[2], K_ORIENTATION, V_V) < 0;
    if (!bad) /* right */
        bad = PyDict_SetItem(e[3], K_OBJECT_TYPE2, V_RECT_EDGE) < 0 || PyDict_SetItem(e[3], K_WIDTH, ZERO) < 0 ||
              PyDict_SetItem(e[3], K_X0, x1) < 0 || PyDict_SetItem(e[3], K_ORIENTATION, V_V) < 0;
    for (int i = 0; i < 4 && !bad; i++) bad = PyList_Append(out, e[i]) < 0;
    for (int i = 0; i < 4; i++) Py_XDECREF(e[i]);
    return bad ? -1 : 0;
}

/* line_and_rect_edges(lines, rects) -> [line_to_edge(l) for l in lines] + the rect_to_edges of each rect */
static PyObject *line_and_rect_edges(PyObject *self, PyObject *args) {
    PyObject *lines, *rects;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &lines, &PyList_Type, &rects)) return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (!PyDict_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "a line must be a dict");
            goto fail;
        }
        PyObject *top = dict_item(line, K_TOP), *bottom = dict_item(line, K_BOTTOM);
        if (top == NULL || bottom == NULL) goto fail;
        int flat = PyObject_RichCompareBool(top, bottom, Py_EQ);
        if (flat < 0) goto fail;
        PyObject *edge = PyDict_Copy(line);
        if (edge == NULL) goto fail;
        if (PyDict_SetItem(edge, K_ORIENTATION, flat ? V_H : V_V) < 0 || PyList_Append(out, edge) < 0) {
            Py_DECREF(edge);
            goto fail;
        }
        Py_DECREF(edge);
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(rects); i++) {
        PyObject *rect = PyList_GET_ITEM(rects, i);
        if (!PyDict_Check(rect)) {
            PyErr_SetString(PyExc_TypeError, "a rect must be a dict");
            goto fail;
        }
        if (rect_edges(rect, out) < 0) goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_O, "bind(addresses: dict[str, int]): the pdfium functions to call"},
    {"page_chars", page_chars, METH_VARARGS,
     "page_chars(textpage, n, geometry, font_info, out, clip_slack) -> out with .glyphs"},
    {"paint_paths", paint_paths, METH_VARARGS, "paint_paths(path_objects, geometry, found): lines, rects, curves"},
    {"line_and_rect_edges", line_and_rect_edges, METH_VARARGS,
     "line_and_rect_edges(lines, rects) -> pdfplumber's line_to_edge and rect_to_edges of each"},
    {"page_path_objects", page_path_objects, METH_VARARGS,
     "page_path_objects(page, memo, short) -> [(matrix, fill, stroke, subpaths)]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pdfium_read", NULL, -1, methods};

PyMODINIT_FUNC PyInit__pdfium_read(void) {
#define I(var, s) if ((var = PyUnicode_InternFromString(s)) == NULL) return NULL
    I(K_TEXT, "text");
    I(K_X0, "x0");
    I(K_X1, "x1");
    I(K_TOP, "top");
    I(K_BOTTOM, "bottom");
    I(K_DOCTOP, "doctop");
    I(K_SIZE, "size");
    I(K_FONTNAME, "fontname");
    I(K_UPRIGHT, "upright");
    I(K_OBJECT_TYPE, "object_type");
    I(V_CHAR, "char");
    I(S_GLYPHS, "glyphs");
    I(K_OBJECT_TYPE2, "object_type");
    I(K_Y0, "y0");
    I(K_Y1, "y1");
    I(K_WIDTH, "width");
    I(K_HEIGHT, "height");
    I(K_STROKE, "stroke");
    I(K_FILL, "fill");
    I(K_PTS, "pts");
    I(V_LINE, "line");
    I(V_RECT, "rect");
    I(V_CURVE, "curve");
    I(OP_M, "m");
    I(OP_L, "l");
    I(OP_C, "c");
    I(OP_H, "h");
    I(K_ORIENTATION, "orientation");
    I(V_RECT_EDGE, "rect_edge");
    I(V_H, "h");
    I(V_V, "v");
#undef I
    if ((ZERO = PyLong_FromLong(0)) == NULL) return NULL;
    PyObject *keys[NKEYS] = {K_TEXT, K_X0, K_X1, K_TOP, K_BOTTOM, K_DOCTOP, K_SIZE, K_FONTNAME, K_UPRIGHT, K_OBJECT_TYPE};
    for (int i = 0; i < NKEYS; i++) CHAR_KEYS[i] = keys[i];
    if ((CHAR_KEY_TUPLE = PyTuple_New(NKEYS)) == NULL) return NULL;
    for (int i = 0; i < NKEYS; i++) {
        Py_INCREF(keys[i]);
        PyTuple_SET_ITEM(CHAR_KEY_TUPLE, i, keys[i]);
    }
    if (PyType_Ready(&CharType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    Py_INCREF(&CharType);
    if (PyModule_AddObject(m, "Char", (PyObject *)&CharType) < 0) {
        Py_DECREF(&CharType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
