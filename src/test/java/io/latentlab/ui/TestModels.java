package io.latentlab.ui;

import io.latentlab.model.Autoencoder;
import io.latentlab.model.ModelMetadata;
import io.latentlab.service.ModelHandle;

import java.nio.file.Path;

/** Test models for the views. */
public final class TestModels {

    private TestModels() {
    }

    /**
     * @param name display name
     * @param dir folder or null
     * @param metadata metadata
     * @param model the model
     * @return an active model wrapping it
     */
    public static AppContext.ActiveModel active(String name, Path dir, ModelMetadata metadata,
            Autoencoder model) {
        return new AppContext.ActiveModel(name, dir, metadata, new ModelHandle(model, metadata));
    }
}
