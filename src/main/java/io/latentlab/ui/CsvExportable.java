package io.latentlab.ui;

import java.io.IOException;
import java.nio.file.Path;

/** A view whose data File › Export data as CSV can write. */
public interface CsvExportable {

    /** @return a suggested file name, e.g. {@code history.csv} */
    String csvFileName();

    /** @return whether there is anything to export right now */
    boolean hasCsvData();

    /**
     * Writes the view's data (FX thread; plain Java data only, no DJL work).
     *
     * @param file destination, replaced atomically
     * @throws IOException if it cannot be written
     */
    void writeCsv(Path file) throws IOException;
}
