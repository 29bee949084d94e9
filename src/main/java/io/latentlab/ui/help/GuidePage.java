package io.latentlab.ui.help;

import java.util.List;

/**
 * A page of the guide: one per view (the Study's four tabs each have theirs) and the keyboard
 * shortcuts. The text is in the help strings under {@code guide.<key>.*}.
 */
public enum GuidePage {
    /** The Train view. */
    TRAIN("train"),
    /** The Reconstruct view. */
    RECONSTRUCT("reconstruct"),
    /** The Latent space view. */
    LATENT("latent"),
    /** Study: grid search. */
    GRID("grid"),
    /** Study: test MSE against the encoding dimension. */
    ED("ed"),
    /** Study: noise robustness. */
    NOISE("noise"),
    /** Study: latent metrics. */
    METRICS("metrics"),
    /** The keyboard shortcut sheet. */
    SHORTCUTS("shortcuts");

    private static final List<GuidePage> STUDY = List.of(GRID, ED, NOISE, METRICS);

    private final String key;

    GuidePage(String key) {
        this.key = key;
    }

    /**
     * The page of what is on screen.
     *
     * @param view index of the main window's tab (Train, Reconstruct, Latent space, Study)
     * @param studyTab index of the Study view's tab
     * @return its page; Train when the index is unknown
     */
    public static GuidePage forView(int view, int studyTab) {
        return switch (view) {
            case 1 -> RECONSTRUCT;
            case 2 -> LATENT;
            case 3 -> studyTab >= 0 && studyTab < STUDY.size() ? STUDY.get(studyTab) : GRID;
            default -> TRAIN;
        };
    }

    /** @return the page's title */
    public String title() {
        return HelpText.get("guide." + key + ".title");
    }

    /** @return the question of the study this view answers; empty for the shortcuts */
    public String question() {
        return text("question");
    }

    /** @return what the view shows, one line each */
    public List<String> shows() {
        return lines("shows");
    }

    /** @return how to use it, one line each */
    public List<String> use() {
        return lines("use");
    }

    private String text(String part) {
        String k = "guide." + key + "." + part;
        return HelpText.has(k) ? HelpText.get(k) : "";
    }

    private List<String> lines(String part) {
        String k = "guide." + key + "." + part;
        return HelpText.has(k) ? HelpText.lines(k) : List.of();
    }
}
