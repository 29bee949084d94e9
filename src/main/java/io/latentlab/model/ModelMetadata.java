package io.latentlab.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a checkpoint says about its model: stored as {@code model.properties} next to the
 * parameters. Values are plain strings so the file stays readable and forward compatible; the
 * typed accessors parse them.
 *
 * @param values all keys, in insertion order
 */
public record ModelMetadata(Map<String, String> values) {

    /** Format marker of the properties file. */
    public static final String FORMAT = "latent-lab-checkpoint-1";

    /** Key of the encoding dimension. */
    public static final String ED = "ed";

    /** Copies the map so the record is immutable. */
    public ModelMetadata {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Starts metadata for a model of the given encoding dimension.
     *
     * @param encodingDim ED
     * @return metadata holding the format marker and ED
     */
    public static ModelMetadata of(int encodingDim) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("format", FORMAT);
        map.put(ED, Integer.toString(encodingDim));
        return new ModelMetadata(map);
    }

    /**
     * Returns a copy with one more (or a replaced) value.
     *
     * @param key the key
     * @param value the value; null removes the key
     * @return the new metadata
     */
    public ModelMetadata with(String key, Object value) {
        Map<String, String> map = new LinkedHashMap<>(values);
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, String.valueOf(value));
        }
        return new ModelMetadata(map);
    }

    /**
     * Returns a copy with all given values added.
     *
     * @param more values to add or replace
     * @return the new metadata
     */
    public ModelMetadata withAll(Map<String, String> more) {
        Map<String, String> map = new LinkedHashMap<>(values);
        map.putAll(more);
        return new ModelMetadata(map);
    }

    /** @return the encoding dimension */
    public int encodingDim() {
        return Integer.parseInt(values.get(ED));
    }

    /**
     * @param key a key
     * @return its value or null
     */
    public String get(String key) {
        return values.get(key);
    }

    /**
     * @param key a key
     * @return the value as a double, NaN when absent or not a number
     */
    public double getDouble(String key) {
        String v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** @return the values as {@link Properties} */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }

    /**
     * Builds metadata from properties, keeping the keys sorted for a stable order.
     *
     * @param p properties read from a file
     * @return the metadata
     */
    public static ModelMetadata fromProperties(Properties p) {
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, p.getProperty(k)));
        return new ModelMetadata(map);
    }
}
