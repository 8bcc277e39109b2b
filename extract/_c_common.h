/* What the C extensions of extract/ share: Python's min/max of two floats, a float comparison
 * for qsort, and a float read from a dict. Included (static inline) by each module. */
#ifndef ADILET_C_COMMON_H
#define ADILET_C_COMMON_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Python's min()/max() of two: the first wins a tie (matters for -0.0 and 0.0). */
static inline double pmin(double a, double b) { return b < a ? b : a; }
static inline double pmax(double a, double b) { return b > a ? b : a; }

static inline int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* d[key], borrowed; NULL with KeyError set when it is missing */
static inline PyObject *dict_item(PyObject *d, PyObject *key) {
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (v == NULL && !PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, key);
    return v;
}

/* d[key] as a double; -1 with KeyError/TypeError set when it is missing or not a number */
static inline int dict_float(PyObject *d, PyObject *key, double *out) {
    PyObject *v = dict_item(d, key);
    if (v == NULL) return -1;
    *out = PyFloat_AsDouble(v);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* m[key] as a double for a dict or any other mapping (the pdfium reader's characters) */
static inline int item_float(PyObject *m, PyObject *key, double *out) {
    if (PyDict_Check(m)) return dict_float(m, key, out);
    PyObject *v = PyObject_GetItem(m, key);
    if (v == NULL) return -1;
    *out = PyFloat_AsDouble(v);
    Py_DECREF(v);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

#endif
