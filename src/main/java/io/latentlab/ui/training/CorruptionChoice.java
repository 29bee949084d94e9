package io.latentlab.ui.training;

import io.latentlab.data.Corruption;

import java.util.List;
import java.util.ResourceBundle;

/**
 * The Train form's "Corrupt inputs" choices: plain training, one noise, or the mix of the study's
 * Table 1 noises that the shipped denoising models were trained with (CLI {@code --corrupt}
 * takes any list).
 */
final class CorruptionChoice {

    /** The study's noise rows, each digit drawing one (as models/ed4-denoise, ed32-denoise). */
    static final String STUDY_MIX = "none,gaussian:0.1,gaussian:0.3,gaussian:0.5,gaussian:1,"
            + "gaussian:2,uniform,occlusion:14,occlusion:14:quadrant";

    /** Offered in this order; the first is the default. */
    static final List<Corruption> PRESETS = List.of(Corruption.NONE,
            Corruption.parse("gaussian:0.5"), Corruption.parse("gaussian:1"),
            Corruption.parse("uniform"), Corruption.parse("occlusion:14"),
            Corruption.parse(STUDY_MIX));

    private CorruptionChoice() {}

    /**
     * @param c a corruption
     * @param s the training strings
     * @return its name in the form: a preset's label, else its spec
     */
    static String label(Corruption c, ResourceBundle s) {
        int i = PRESETS.indexOf(c);
        return i < 0 ? c.spec() : s.getString("corrupt." + i);
    }
}
