package io.latentlab.ui.common;

import javafx.css.PseudoClass;

/**
 * The app's one stylesheet and the names of its style classes, so views never spell them (or
 * inline styles) themselves. The stylesheet builds on AtlantaFX's colour variables, so every
 * class looks right in the light and the dark themes.
 */
public final class Styles {

    /** The stylesheet, added once to the main scene (and to a test's scene). */
    public static final String STYLESHEET =
            Styles.class.getResource("/io/latentlab/ui/latent-lab.css").toExternalForm();

    /** A message saying what is wrong: danger colour, a little smaller. */
    public static final String ERROR = "ll-error";
    /** A bold heading over a panel or a legend. */
    public static final String HEAD = "ll-head";
    /** Numbers that should line up: monospace. */
    public static final String MONO = "ll-mono";
    /** Secondary text: the muted foreground colour. */
    public static final String MUTED = "ll-muted";
    /** A small caption (heat map corner). */
    public static final String SMALL = "ll-small";
    /** A larger hint over an empty plot. */
    public static final String HINT = "ll-hint";
    /** A bold result line (the grid search's winner). */
    public static final String STRONG = "ll-strong";
    /** The black square behind an MNIST digit (white ink on black in both themes). */
    public static final String DIGIT_FRAME = "ll-digit-frame";
    /** A bar offering something that went well (a finished run to open). */
    public static final String SUCCESS_BAR = "ll-success-bar";
    /** The status bar at the bottom of the window. */
    public static final String STATUS_BAR = "ll-status-bar";
    /** A drawing surface: the theme's background. */
    public static final String PLOT = "ll-plot";
    /** A floating card over a plot (the latent view's hover card). */
    public static final String CARD = "ll-card";
    /** An icon a little larger than the toolbar's others, where its detail matters. */
    public static final String ICON_LARGE = "ll-icon-large";
    /** A table column or cell of numbers: right-aligned. */
    public static final String NUMERIC = "ll-numeric";
    /** The training loss chart: its series colours. */
    public static final String LOSS_CHART = "ll-loss-chart";
    /** Chart series: the raw batch loss, thin and faint. */
    public static final String SERIES_RAW = "ll-series-raw";
    /** Chart series: a smoothed line. */
    public static final String SERIES_SMOOTH = "ll-series-smooth";
    /** Chart series: a main line. */
    public static final String SERIES_MAIN = "ll-series-main";
    /** Chart series: points only, no line between them. */
    public static final String SERIES_POINTS = "ll-series-points";
    /** A heat map cell whose setting was discarded. */
    public static final String HEAT_DISCARDED = "ll-heat-discarded";
    /** The heat map's best cell. */
    public static final String HEAT_BEST = "ll-heat-best";

    /** A cell holding the best value of its row or column. */
    public static final PseudoClass BEST = PseudoClass.getPseudoClass("best");
    /** A selected cell that is no control of its own (heat map). */
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** Set on the scene's root while a dark theme is on, for the few colours that differ. */
    public static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private Styles() {
    }
}
