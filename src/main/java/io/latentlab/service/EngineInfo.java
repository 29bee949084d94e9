package io.latentlab.service;

import ai.djl.engine.Engine;

/**
 * What the engine is, for About.
 *
 * @param djlVersion DJL's version
 * @param engineName the engine ("PyTorch")
 * @param engineVersion its version
 */
public record EngineInfo(String djlVersion, String engineName, String engineVersion) {

    /**
     * Call on the engine thread (it loads the engine if needed).
     *
     * @return the running engine's description
     */
    public static EngineInfo read() {
        Engine engine = Engine.getInstance();
        return new EngineInfo(Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion());
    }
}
