/* Ruling edges -> cell boxes, in C: extract.tables.edges_to_cells.edges_to_intersections followed by
 * intersections_to_cells (pdfplumber's definitions; the Python functions are the reference,
 * and tests/test_lattice_cells.py checks the cells against pdfplumber's own on every page).
 *
 * An edge is identified by its box, as pdfplumber's sets of edge boxes do: two edges with the
 * same (x0, top, x1, bottom) are one. Each intersection point keeps the sorted ids of the
 * vertical and of the horizontal edge boxes through it; "joined" is a non-empty intersection.
 */
#include "_c_common.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static PyObject *K_X0, *K_X1, *K_TOP, *K_BOTTOM, *K_ORIENTATION, *V_H, *V_V;

typedef struct {
    double x0, top, x1, bottom;
    int id;          /* the id of its box */
    Py_ssize_t seq;  /* its position among the edges: ties keep their order (a stable sort) */
} Edge;

typedef struct {
    double x, y;
    int *v, *h; /* ids of the boxes of the vertical / horizontal edges through the point, sorted */
    int nv, nh, cv, ch;
    Py_ssize_t col_next, row_next; /* index of the next point in its column / row, -1 at the end */
} Point;

static inline double norm(double v) { return v == 0.0 ? 0.0 : v; } /* -0.0 and 0.0 are one key */


/* ---- ids of boxes: an open-addressing table keyed by the four coordinates -------------------- */

typedef struct {
    double b[4];
    int id; /* -1: empty */
} BoxSlot;

typedef struct {
    BoxSlot *slots;
    size_t cap, used;
} BoxIds;

static uint64_t hash_box(const double b[4]) {
    uint64_t h = 1469598103934665603ULL;
    for (int k = 0; k < 4; k++) {
        double v = norm(b[k]);
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        h ^= bits;
        h *= 1099511628211ULL;
        h ^= h >> 29;
    }
    return h;
}

static int box_id(BoxIds *t, const double b[4]) {
    if ((t->used + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        BoxSlot *s = PyMem_Malloc(cap * sizeof(BoxSlot));
        if (s == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        for (size_t i = 0; i < cap; i++) s[i].id = -1;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].id >= 0) {
                size_t j = hash_box(t->slots[i].b) & (cap - 1);
                while (s[j].id >= 0) j = (j + 1) & (cap - 1);
                s[j] = t->slots[i];
            }
        PyMem_Free(t->slots);
        t->slots = s;
        t->cap = cap;
    }
    size_t j = hash_box(b) & (t->cap - 1);
    while (t->slots[j].id >= 0) {
        const double *o = t->slots[j].b;
        if (o[0] == b[0] && o[1] == b[1] && o[2] == b[2] && o[3] == b[3]) return t->slots[j].id;
        j = (j + 1) & (t->cap - 1);
    }
    memcpy(t->slots[j].b, b, 4 * sizeof(double));
    t->slots[j].id = (int)t->used++;
    return t->slots[j].id;
}

/* ---- points: an open-addressing table keyed by (x, y) ---------------------------------------- */

typedef struct {
    Point *pts;
    size_t n, cap_pts;
    Py_ssize_t *slots; /* index into pts, -1 empty */
    size_t cap;
} Points;

static uint64_t hash_xy(double x, double y) {
    double a = norm(x), b = norm(y);
    uint64_t u, v;
    memcpy(&u, &a, sizeof u);
    memcpy(&v, &b, sizeof v);
    uint64_t h = u * 0x9E3779B97F4A7C15ULL ^ (v + 0x632BE59BD9B4E019ULL + (u << 6) + (u >> 2));
    h ^= h >> 31;
    return h * 0xBF58476D1CE4E5B9ULL;
}

static Py_ssize_t find_point(const Points *p, double x, double y) {
    if (p->cap == 0) return -1;
    size_t j = hash_xy(x, y) & (p->cap - 1);
    while (p->slots[j] >= 0) {
        const Point *q = &p->pts[p->slots[j]];
        if (q->x == x && q->y == y) return p->slots[j];
        j = (j + 1) & (p->cap - 1);
    }
    return -1;
}

static Point *point_at(Points *p, double x, double y) {
    Py_ssize_t i = find_point(p, x, y);
    if (i >= 0) return &p->pts[i];
    if ((p->n + 1) * 2 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        Py_ssize_t *s = PyMem_Malloc(cap * sizeof(Py_ssize_t));
        if (s == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        for (size_t k = 0; k < cap; k++) s[k] = -1;
        for (size_t k = 0; k < p->n; k++) {
            size_t j = hash_xy(p->pts[k].x, p->pts[k].y) & (cap - 1);
            while (s[j] >= 0) j = (j + 1) & (cap - 1);
            s[j] = (Py_ssize_t)k;
        }
        PyMem_Free(p->slots);
        p->slots = s;
        p->cap = cap;
    }
    if (p->n == p->cap_pts) {
        size_t cap = p->cap_pts ? p->cap_pts * 2 : 64;
        Point *grown = PyMem_Realloc(p->pts, cap * sizeof(Point));
        if (grown == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        p->pts = grown;
        p->cap_pts = cap;
    }
    Point *q = &p->pts[p->n];
    memset(q, 0, sizeof *q);
    q->x = x, q->y = y;
    size_t j = hash_xy(x, y) & (p->cap - 1);
    while (p->slots[j] >= 0) j = (j + 1) & (p->cap - 1);
    p->slots[j] = (Py_ssize_t)p->n++;
    return q;
}

static int add_id(int **ids, int *n, int *cap, int id) {
    for (int k = 0; k < *n; k++)
        if ((*ids)[k] == id) return 0;
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 4;
        int *grown = PyMem_Realloc(*ids, (size_t)c * sizeof(int));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *ids = grown;
        *cap = c;
    }
    (*ids)[(*n)++] = id;
    return 0;
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int joined(const int *a, int na, const int *b, int nb) { /* sorted arrays share an id */
    int i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) return 1;
        if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return 0;
}

static int cmp_edge_top(const void *a, const void *b) { /* by top, ties in their order */
    const Edge *x = a, *y = b;
    if (x->top < y->top) return -1;
    if (x->top > y->top) return 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* sort point indexes by (x, y) */
static Points *SORT_POINTS;
static int cmp_xy(const void *a, const void *b) {
    const Point *p = &SORT_POINTS->pts[*(const Py_ssize_t *)a], *q = &SORT_POINTS->pts[*(const Py_ssize_t *)b];
    if (p->x != q->x) return p->x < q->x ? -1 : 1;
    if (p->y != q->y) return p->y < q->y ? -1 : 1;
    return 0;
}
static int cmp_yx(const void *a, const void *b) {
    const Point *p = &SORT_POINTS->pts[*(const Py_ssize_t *)a], *q = &SORT_POINTS->pts[*(const Py_ssize_t *)b];
    if (p->y != q->y) return p->y < q->y ? -1 : 1;
    if (p->x != q->x) return p->x < q->x ? -1 : 1;
    return 0;
}

static Py_ssize_t lower_bound(const Edge *h, Py_ssize_t n, double v, int right) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (right ? v < h[mid].top : !(h[mid].top < v))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* edges_to_cells(edges, x_tolerance, y_tolerance) -> [(x0, top, x1, bottom)] */
static PyObject *edges_to_cells(PyObject *self, PyObject *args) {
    PyObject *edges;
    double xt, yt;
    if (!PyArg_ParseTuple(args, "Odd", &edges, &xt, &yt)) return NULL;
    PyObject *fast = PySequence_Fast(edges, "edges must be a sequence");
    if (fast == NULL) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast), nv = 0, nh = 0;
    Edge *v = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Edge));
    Edge *h = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Edge));
    BoxIds vids = {0}, hids = {0};
    Points pts = {0};
    Py_ssize_t *order = NULL, *by_row = NULL;
    PyObject *out = NULL;
    if (v == NULL || h == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyDict_Check(e)) {
            PyErr_SetString(PyExc_TypeError, "an edge is a dict");
            goto done;
        }
        PyObject *o = dict_item(e, K_ORIENTATION);
        if (o == NULL) goto done;
        int is_v = PyObject_RichCompareBool(o, V_V, Py_EQ), is_h = is_v ? 0 : PyObject_RichCompareBool(o, V_H, Py_EQ);
        if (is_v < 0 || is_h < 0) goto done;
        if (!is_v && !is_h) continue;
        Edge *t = is_v ? &v[nv++] : &h[nh++];
        t->seq = i;
        if (dict_float(e, K_X0, &t->x0) < 0 || dict_float(e, K_TOP, &t->top) < 0 || dict_float(e, K_X1, &t->x1) < 0 ||
            dict_float(e, K_BOTTOM, &t->bottom) < 0)
            goto done;
        double b[4] = {t->x0, t->top, t->x1, t->bottom};
        t->id = box_id(is_v ? &vids : &hids, b);
        if (t->id < 0) goto done;
    }
    /* horizontal edges by height (stable, as Python's sorted: ties by their position) */
    qsort(h, (size_t)nh, sizeof(Edge), cmp_edge_top);
    for (Py_ssize_t i = 0; i < nv; i++) {
        const Edge *e = &v[i];
        double vx = e->x0, vtop = e->top, vbottom = e->bottom;
        Py_ssize_t lo = lower_bound(h, nh, vtop - yt - 1e-6, 0), hi = lower_bound(h, nh, vbottom + yt + 1e-6, 1);
        for (Py_ssize_t k = lo; k < hi; k++) {
            const Edge *g = &h[k];
            double htop = g->top;
            if (vtop <= htop + yt && vbottom >= htop - yt && vx >= g->x0 - xt && vx <= g->x1 + xt) {
                Point *p = point_at(&pts, vx, htop);
                if (p == NULL || add_id(&p->v, &p->nv, &p->cv, e->id) < 0 || add_id(&p->h, &p->nh, &p->ch, g->id) < 0)
                    goto done;
            }
        }
    }
    size_t np = pts.n;
    order = PyMem_Malloc((np ? np : 1) * sizeof(Py_ssize_t));
    by_row = PyMem_Malloc((np ? np : 1) * sizeof(Py_ssize_t));
    if (order == NULL || by_row == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t i = 0; i < np; i++) {
        order[i] = by_row[i] = (Py_ssize_t)i;
        Point *p = &pts.pts[i];
        qsort(p->v, (size_t)p->nv, sizeof(int), cmp_int);
        qsort(p->h, (size_t)p->nh, sizeof(int), cmp_int);
    }
    SORT_POINTS = &pts; /* the GIL is held: no other caller meanwhile */
    qsort(order, np, sizeof(Py_ssize_t), cmp_xy);
    qsort(by_row, np, sizeof(Py_ssize_t), cmp_yx);
    SORT_POINTS = NULL;
    for (size_t i = 0; i < np; i++) { /* next point below in the column, to the right in the row */
        Point *p = &pts.pts[order[i]], *q = i + 1 < np ? &pts.pts[order[i + 1]] : NULL;
        p->col_next = q != NULL && q->x == p->x ? order[i + 1] : -1;
        Point *r = &pts.pts[by_row[i]], *s = i + 1 < np ? &pts.pts[by_row[i + 1]] : NULL;
        r->row_next = s != NULL && s->y == r->y ? by_row[i + 1] : -1;
    }
    out = PyList_New(0);
    if (out == NULL) goto done;
    for (size_t i = 0; i < np; i++) {
        const Point *pt = &pts.pts[order[i]];
        if (pt->col_next < 0 || pt->row_next < 0) continue;
        int found = 0;
        double cx = 0, cy = 0;
        for (Py_ssize_t bi = pt->col_next; bi >= 0 && !found; bi = pts.pts[bi].col_next) {
            const Point *b = &pts.pts[bi];
            if (!joined(pt->v, pt->nv, b->v, b->nv)) continue;
            for (Py_ssize_t ri = pt->row_next; ri >= 0; ri = pts.pts[ri].row_next) {
                const Point *r = &pts.pts[ri];
                if (!joined(pt->h, pt->nh, r->h, r->nh)) continue;
                Py_ssize_t ci = find_point(&pts, r->x, b->y);
                if (ci < 0) continue;
                const Point *c = &pts.pts[ci];
                if (joined(c->v, c->nv, r->v, r->nv) && joined(c->h, c->nh, b->h, b->nh)) {
                    cx = r->x, cy = b->y; /* the corner as Python builds it: (r.x, b.y) */
                    found = 1;
                    break;
                }
            }
        }
        if (found) {
            PyObject *cell = Py_BuildValue("(dddd)", pt->x, pt->y, cx, cy);
            if (cell == NULL || PyList_Append(out, cell) < 0) {
                Py_XDECREF(cell);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(cell);
        }
    }
done:
    for (size_t i = 0; i < pts.n; i++) {
        PyMem_Free(pts.pts[i].v);
        PyMem_Free(pts.pts[i].h);
    }
    PyMem_Free(pts.pts);
    PyMem_Free(pts.slots);
    PyMem_Free(vids.slots);
    PyMem_Free(hids.slots);
    PyMem_Free(order);
    PyMem_Free(by_row);
    PyMem_Free(v);
    PyMem_Free(h);
    Py_DECREF(fast);
    return out;
}

/* ---- pdfplumber's merge_edges: snap, join, filter (geometry only) -------------------------- */

static PyObject *K_WIDTH, *K_HEIGHT;

typedef struct {
    double x0, top, x1, bottom, len; /* len: height of a vertical edge, width of a horizontal one */
    int is_v;
    Py_ssize_t seq, cid;
} ME;


static int cmp_cid(const void *a, const void *b) { /* cluster, then position: a stable sort */
    const ME *x = a, *y = b;
    if (x->cid != y->cid) return x->cid < y->cid ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* snap_objects(objs, "x0" | "top", tol): clusters of values chained within tol; each object
 * moved by (average of its cluster - its value), as move_object does it */
static int snap(ME *a, Py_ssize_t n, double tol) {
    if (n == 0) return 0;
    double *vals = PyMem_Malloc((size_t)n * sizeof(double)), *uniq = PyMem_Malloc((size_t)n * sizeof(double));
    Py_ssize_t *cl = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
    double *sums = PyMem_Calloc((size_t)n, sizeof(double));
    Py_ssize_t *counts = PyMem_Calloc((size_t)n, sizeof(Py_ssize_t));
    int r = -1;
    if (vals == NULL || uniq == NULL || cl == NULL || sums == NULL || counts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) vals[i] = a[i].is_v ? a[i].x0 : a[i].top;
    memcpy(uniq, vals, (size_t)n * sizeof(double));
    qsort(uniq, (size_t)n, sizeof(double), cmp_double);
    Py_ssize_t nu = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (nu == 0 || uniq[i] != uniq[nu - 1]) uniq[nu++] = uniq[i];
    /* cluster_list: a value joins the group when within tol of the previous one */
    Py_ssize_t c = 0;
    for (Py_ssize_t i = 0; i < nu; i++) {
        if (i > 0 && !(tol != 0 && nu >= 2 && uniq[i] <= uniq[i - 1] + tol)) c++;
        cl[i] = c;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t lo = 0, hi = nu;
        while (lo < hi) {
            Py_ssize_t mid = (lo + hi) / 2;
            if (uniq[mid] < vals[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        a[i].cid = cl[lo < nu ? lo : nu - 1];
    }
    qsort(a, (size_t)n, sizeof(ME), cmp_cid);
    for (Py_ssize_t i = 0; i < n; i++) { /* sum(...) in the cluster's order, from 0 */
        double v = a[i].is_v ? a[i].x0 : a[i].top;
        sums[a[i].cid] = counts[a[i].cid] ? sums[a[i].cid] + v : 0.0 + v;
        counts[a[i].cid]++;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double avg = sums[a[i].cid] / (double)counts[a[i].cid];
        if (a[i].is_v) { /* move_object(obj, "h", avg - x0) */
            double value = avg - a[i].x0;
            a[i].x0 = a[i].x0 + value;
            a[i].x1 = a[i].x1 + value;
        } else { /* move_object(obj, "v", avg - top) */
            double value = avg - a[i].top;
            a[i].top = a[i].top + value;
            a[i].bottom = a[i].bottom + value;
        }
    }
    r = 0;
done:
    PyMem_Free(vals);
    PyMem_Free(uniq);
    PyMem_Free(cl);
    PyMem_Free(sums);
    PyMem_Free(counts);
    return r;
}

static int cmp_edge_group(const void *a, const void *b) { /* merge_edges' key ("h", top) / ("v", x0), stable */
    const ME *x = a, *y = b;
    if (x->is_v != y->is_v) return x->is_v - y->is_v; /* "h" < "v" */
    double kx = x->is_v ? x->x0 : x->top, ky = y->is_v ? y->x0 : y->top;
    if (kx != ky) return kx < ky ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static int cmp_min(const void *a, const void *b) { /* join_edge_group's sort by x0 / top, stable */
    const ME *x = a, *y = b;
    double kx = x->is_v ? x->top : x->x0, ky = y->is_v ? y->top : y->x0;
    if (kx != ky) return kx < ky ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static int read_edges(PyObject *seq, int is_v, ME *out, Py_ssize_t *n) {
    Py_ssize_t m = PyList_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < m; i++) {
        PyObject *e = PyList_GET_ITEM(seq, i);
        if (!PyDict_Check(e)) {
            PyErr_SetString(PyExc_TypeError, "an edge is a dict");
            return -1;
        }
        ME *t = &out[(*n)++];
        t->is_v = is_v;
        if (dict_float(e, K_X0, &t->x0) < 0 || dict_float(e, K_TOP, &t->top) < 0 || dict_float(e, K_X1, &t->x1) < 0 ||
            dict_float(e, K_BOTTOM, &t->bottom) < 0 || dict_float(e, is_v ? K_HEIGHT : K_WIDTH, &t->len) < 0)
            return -1;
    }
    return 0;
}

/* merge_edges(v_edges, h_edges, snap_x, snap_y, join_x, join_y, min_length) -> merged edges as
 * {x0, top, x1, bottom, orientation} dicts (pdfplumber's merge_edges then filter_edges) */
static PyObject *merge_edges(PyObject *self, PyObject *args) {
    PyObject *vs, *hs;
    double snap_x, snap_y, join_x, join_y, min_length;
    if (!PyArg_ParseTuple(args, "O!O!ddddd", &PyList_Type, &vs, &PyList_Type, &hs, &snap_x, &snap_y, &join_x,
                          &join_y, &min_length))
        return NULL;
    Py_ssize_t nv_in = PyList_GET_SIZE(vs), nh_in = PyList_GET_SIZE(hs), n = 0;
    ME *a = PyMem_Malloc((size_t)(nv_in + nh_in + 1) * sizeof(ME));
    PyObject *out = NULL;
    if (a == NULL) return PyErr_NoMemory();
    if (read_edges(vs, 1, a, &n) < 0 || read_edges(hs, 0, a, &n) < 0) goto done;
    for (Py_ssize_t i = 0; i < n; i++) a[i].seq = i;
    if (snap_x > 0 || snap_y > 0) {
        if (snap(a, nv_in, snap_x) < 0 || snap(a + nv_in, nh_in, snap_y) < 0) goto done;
        for (Py_ssize_t i = 0; i < n; i++) a[i].seq = i; /* snapped_v + snapped_h, in cluster order */
    }
    qsort(a, (size_t)n, sizeof(ME), cmp_edge_group);
    out = PyList_New(0);
    if (out == NULL) goto done;
    for (Py_ssize_t start = 0; start < n;) {
        Py_ssize_t end = start + 1;
        while (end < n && a[end].is_v == a[start].is_v &&
               (a[end].is_v ? a[end].x0 == a[start].x0 : a[end].top == a[start].top))
            end++;
        qsort(a + start, (size_t)(end - start), sizeof(ME), cmp_min);
        int is_v = a[start].is_v;
        double tol = is_v ? join_y : join_x;
        ME *joined = &a[start]; /* joined in place: the kept edges are compacted to the front */
        Py_ssize_t nj = 1;
        for (Py_ssize_t i = start + 1; i < end; i++) {
            ME *last = &joined[nj - 1], *e = &a[i];
            double emin = is_v ? e->top : e->x0, emax = is_v ? e->bottom : e->x1, lmax = is_v ? last->bottom : last->x1;
            if (emin <= lmax + tol) {
                if (emax > lmax) { /* resize_object(last, max_prop, emax) */
                    if (is_v) {
                        last->len = last->len + (emax - last->bottom);
                        last->bottom = emax;
                    } else {
                        last->x1 = emax;
                        last->len = emax - last->x0;
                    }
                }
            } else {
                joined[nj++] = *e;
            }
        }
        for (Py_ssize_t k = 0; k < nj; k++) {
            const ME *e = &joined[k];
            if (!(e->len >= min_length)) continue; /* filter_edges(min_length=edge_min_length) */
            PyObject *d = Py_BuildValue("{sdsdsdsdsO}", "x0", e->x0, "top", e->top, "x1", e->x1, "bottom", e->bottom,
                                        "orientation", e->is_v ? V_V : V_H);
            if (d == NULL || PyList_Append(out, d) < 0) {
                Py_XDECREF(d);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(d);
        }
        start = end;
    }
done:
    PyMem_Free(a);
    return out;
}

/* ---- cells_to_grid.group_cell_boxes ------------------------------------------------------------ */

/* Python's round(v, 1): the correctly rounded decimal with one digit, read back */
static int round1(double v, double *out) {
    char *text = PyOS_double_to_string(v, 'f', 1, 0, NULL);
    if (text == NULL) return -1;
    *out = PyOS_string_to_double(text, NULL, NULL);
    PyMem_Free(text);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

static Py_ssize_t uf_find(Py_ssize_t *parent, Py_ssize_t i) {
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

typedef struct {
    double top, x0;         /* the group's sort key: min (top, x0) of its boxes */
    Py_ssize_t first;       /* its first box, for a stable order */
    PyObject *boxes;
} Group;

static int cmp_group(const void *a, const void *b) {
    const Group *x = a, *y = b;
    if (x->top != y->top) return x->top < y->top ? -1 : 1;
    if (x->x0 != y->x0) return x->x0 < y->x0 ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

/* group_boxes(boxes) -> boxes that share a (rounded) corner, grouped; groups by their top-left */
static PyObject *group_boxes(PyObject *self, PyObject *args) {
    PyObject *boxes;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &boxes)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(boxes);
    Py_ssize_t *parent = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    Py_ssize_t *gindex = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    double *raw = PyMem_Malloc((size_t)(n ? n : 1) * 4 * sizeof(double));
    Group *groups = PyMem_Calloc((size_t)(n ? n : 1), sizeof(Group));
    Points owners = {0}; /* corner -> its first box, kept in a point's col_next */
    PyObject *out = NULL, *hold = PyList_GetSlice(boxes, 0, n);
    Py_ssize_t ng = 0;
    if (parent == NULL || gindex == NULL || raw == NULL || groups == NULL || hold == NULL) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        parent[i] = i;
        double *b = &raw[4 * i];
        if (!PyArg_ParseTuple(PyList_GET_ITEM(hold, i), "dddd", &b[0], &b[1], &b[2], &b[3])) goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double *b = &raw[4 * i], r[4];
        for (int k = 0; k < 4; k++)
            if (round1(b[k], &r[k]) < 0) goto done;
        double corners[4][2] = {{r[0], r[1]}, {r[0], r[3]}, {r[2], r[1]}, {r[2], r[3]}};
        for (int k = 0; k < 4; k++) {
            Py_ssize_t at = find_point(&owners, corners[k][0], corners[k][1]);
            if (at >= 0) {
                Py_ssize_t a = uf_find(parent, i), o = uf_find(parent, owners.pts[at].col_next);
                parent[a] = o;
            } else {
                Point *p = point_at(&owners, corners[k][0], corners[k][1]);
                if (p == NULL) goto done;
                p->col_next = i;
            }
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) gindex[i] = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t root = uf_find(parent, i);
        if (gindex[root] < 0) {
            gindex[root] = ng;
            groups[ng].first = i;
            groups[ng].boxes = PyList_New(0);
            if (groups[ng].boxes == NULL) goto done;
            groups[ng].top = raw[4 * i + 1];
            groups[ng].x0 = raw[4 * i];
            ng++;
        }
        Group *g = &groups[gindex[root]];
        double top = raw[4 * i + 1], x0 = raw[4 * i];
        if (top < g->top || (top == g->top && x0 < g->x0)) g->top = top, g->x0 = x0;
        if (PyList_Append(g->boxes, PyList_GET_ITEM(hold, i)) < 0) goto done;
    }
    qsort(groups, (size_t)ng, sizeof(Group), cmp_group);
    out = PyList_New(ng);
    if (out == NULL) goto done;
    for (Py_ssize_t k = 0; k < ng; k++) {
        PyList_SET_ITEM(out, k, groups[k].boxes);
        groups[k].boxes = NULL;
    }
done:
    for (Py_ssize_t k = 0; k < ng; k++) Py_XDECREF(groups[k].boxes);
    for (size_t i = 0; i < owners.n; i++) {
        PyMem_Free(owners.pts[i].v);
        PyMem_Free(owners.pts[i].h);
    }
    PyMem_Free(owners.pts);
    PyMem_Free(owners.slots);
    PyMem_Free(parent);
    PyMem_Free(gindex);
    PyMem_Free(raw);
    PyMem_Free(groups);
    Py_XDECREF(hold);
    return out;
}

static PyMethodDef methods[] = {
    {"merge_edges", merge_edges, METH_VARARGS,
     "merge_edges(v_edges, h_edges, snap_x, snap_y, join_x, join_y, min_length) -> merged edges"},
    {"group_boxes", group_boxes, METH_VARARGS, "group_boxes(boxes) -> the boxes sharing corners, grouped"},
    {"edges_to_cells", edges_to_cells, METH_VARARGS,
     "edges_to_cells(edges, x_tolerance, y_tolerance) -> cell boxes (pdfplumber's lattice cells)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_lattice", NULL, -1, methods};

PyMODINIT_FUNC PyInit__lattice(void) {
    K_X0 = PyUnicode_InternFromString("x0");
    K_X1 = PyUnicode_InternFromString("x1");
    K_TOP = PyUnicode_InternFromString("top");
    K_BOTTOM = PyUnicode_InternFromString("bottom");
    K_ORIENTATION = PyUnicode_InternFromString("orientation");
    V_H = PyUnicode_InternFromString("h");
    V_V = PyUnicode_InternFromString("v");
    K_WIDTH = PyUnicode_InternFromString("width");
    K_HEIGHT = PyUnicode_InternFromString("height");
    if (!K_WIDTH || !K_HEIGHT) return NULL;
    if (!K_X0 || !K_X1 || !K_TOP || !K_BOTTOM || !K_ORIENTATION || !V_H || !V_V) return NULL;
    return PyModule_Create(&module);
}
