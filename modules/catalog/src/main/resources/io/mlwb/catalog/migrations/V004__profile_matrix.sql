-- V004: a profile's full correlation matrices, in binary, beside its JSON.
--
-- The profile JSON (profile.payload) lists correlation pairs rather than whole matrices since issue 9: a
-- 3,000-column table's two matrices took 550 MB as JSON. The Dataset pane's heatmap needs the whole matrix of a
-- profile reused from the catalog, so each matrix is kept here as the upper triangle with the diagonal, row by row
-- (values[i][j] for j >= i), k(k+1)/2 little-endian IEEE-754 doubles ('f64le-upper'): exact, as computed, at
-- 8 bytes a pair (36 MB for 3,000 columns, 10 KB for 50). Profiles stored before V004 carry their matrices in
-- their JSON and have no rows here.

CREATE TABLE profile_matrix (
    profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,     -- pearson, spearman, cramersV
    columns    TEXT    NOT NULL,     -- JSON array of the column names, in matrix order
    encoding   TEXT    NOT NULL,     -- f64le-upper
    data       BLOB    NOT NULL,
    PRIMARY KEY (profile_id, kind)
);
