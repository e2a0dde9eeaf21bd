package dev.parasol.intake;

/** What an import tells its caller while it runs: rejections, warnings and progress. */
public interface ImportListener {
    void rejected(Rejection rejection);

    void warning(String message);

    /** Bytes of (compressed) input read so far; called often, must be cheap. */
    default void progress(long bytesRead) {
    }

    /**
     * Called between the steps of writing the import (each batch); whatever it throws abandons
     * the import, rolled back whole. progress may throw the same way.
     */
    default void checkpoint() {
    }

    ImportListener SILENT = new ImportListener() {
        @Override
        public void rejected(Rejection rejection) {
        }

        @Override
        public void warning(String message) {
        }
    };
}
