package io.canvass.results;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How full a quota is: completes per capped answer code against its cap. */
public record QuotaFill(String id, String question, List<Cell> cells) {

    /** One capped code of a quota. */
    @Schema(name = "QuotaCell")
    public record Cell(String code, String label, int cap, long filled) {
    }
}
