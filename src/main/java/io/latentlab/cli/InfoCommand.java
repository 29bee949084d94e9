package io.latentlab.cli;

import ai.djl.engine.Engine;
import io.latentlab.data.Seeds;
import io.latentlab.model.Autoencoder;
import io.latentlab.model.NativeMemory;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints versions, engine, threads and the parameter count. */
@Command(name = "info", description = "Versions, engine, threads and parameter count.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EdOption ed;

    @Mixin
    DataOption data;

    @Override
    public Integer call() {
        if (ed.value < 1) {
            throw new IllegalArgumentException("--ed must be >= 1, got " + ed.value);
        }
        PrintWriter out = spec.commandLine().getOut();
        Engine engine = Engine.getEngine("PyTorch");
        out.println("latent_lab=" + LatentLabCli.version());
        out.println("java=" + System.getProperty("java.version"));
        out.println("djl=" + Engine.getDjlVersion());
        out.println("engine=" + engine.getEngineName() + " " + engine.getVersion());
        out.println("intra_op_threads=" + EngineSettings.intraOpThreads());
        out.println("allocator=" + NativeMemory.tune());
        out.println("cpus=" + Runtime.getRuntime().availableProcessors());
        out.println("data=" + data.resolve().toAbsolutePath().normalize());
        try (Autoencoder model = Autoencoder.create(ed.value, Seeds.DEFAULT)) {
            out.println("ed=" + ed.value);
            out.println("params=" + model.parameterCount());
        }
        return 0;
    }
}
