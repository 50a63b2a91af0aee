package io.mlwb.data.read;

/** The per-thread parsers a chunk's column builders share (the markers are immutable and shared by all). */
final class CellParsers {
    final NumberParser number = new NumberParser();
    final DateParser date = new DateParser();
    final MissingMarkers markers;

    CellParsers(MissingMarkers markers) {
        this.markers = markers;
    }
}
