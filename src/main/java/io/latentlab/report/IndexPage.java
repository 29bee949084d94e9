package io.latentlab.report;

import io.latentlab.model.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** The report's {@code index.md}: title, settings, the result sections, then one per model. */
final class IndexPage {

    private IndexPage() {}

    /**
     * Writes {@code index.md}, the last file of the report.
     *
     * @param results the result sections, in order
     * @param models the section of each model, in order
     * @return the index and every file written
     */
    static ReportWriter.Report write(ReportContext ctx, List<String> results,
            List<? extends CharSequence> models) throws IOException {
        StringBuilder index = new StringBuilder();
        index.append(ReportWriter.TITLE).append("\n\n")
                .append("Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(".\n\n## Settings\n\n");
        for (ReportItem it : ctx.items) {
            index.append("- model `").append(it.name()).append("`: ED=").append(it.ed())
                    .append(", `").append(it.dir().toAbsolutePath().normalize())
                    .append("`\n");
        }
        index.append("- data: `").append(ctx.data.dir()).append("`")
                .append(ctx.data.checksum() == null ? "" : " (SHA-256 "
                        + ctx.data.checksum().substring(0, Math.min(12,
                                ctx.data.checksum().length())) + "…)")
                .append("\n- test digits: ").append(ctx.digitsText())
                .append("\n- seed: ").append(ctx.opts.seed())
                .append(" (noise, kNN reference and silhouette subsamples)")
                .append("\n- noisy inputs: ").append(ctx.opts.clip() ? "clamped to [0, 1]"
                        : "not clipped")
                .append("\n- reconstruction grids: first ")
                .append(Math.min(ctx.opts.digits(), ctx.test.size())).append(" test digits")
                .append("\n- grid search: ").append(ctx.opts.grids().isEmpty() ? "none"
                        : ctx.opts.grids().stream().map(g -> "`" + g.toAbsolutePath()
                                .normalize() + "`").collect(Collectors.joining(", ")))
                .append("\n\n");
        for (String s : results) {
            index.append(s);
        }
        index.append("## Models\n\n");
        for (CharSequence sec : models) {
            index.append(sec);
        }
        Path idx = ctx.file("index.md");
        AtomicFiles.writeString(idx, index.toString());
        ctx.progress.accept("index: " + idx.toAbsolutePath().normalize());
        return new ReportWriter.Report(idx, ctx.files);
    }
}
