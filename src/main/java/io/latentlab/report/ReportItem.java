package io.latentlab.report;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.model.ModelStore;

import java.nio.file.Path;

/** A loaded model of the report with its report name. */
record ReportItem(String name, Path dir, ModelStore.Loaded loaded) {

    Autoencoder model() {
        return loaded.model();
    }

    ModelMetadata meta() {
        return loaded.metadata();
    }

    int ed() {
        return loaded.model().encodingDim();
    }

    String label() {
        return name + " (ED=" + ed() + ")";
    }
}
