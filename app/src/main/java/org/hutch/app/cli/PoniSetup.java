package org.hutch.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hutch.receiver.azint.AzintSetup;

/**
 * The integration a command sets up from its PONI file option and optional bins and unit, read as the receiver's
 * HTTP API reads a geometry (so a bad value gives the same message on either way in), with the file's text.
 *
 * @param text the PONI file as read
 */
public record PoniSetup(String text, AzintSetup setup) {

    /** A missing file, or a bad geometry, bins or unit, is an {@link IllegalArgumentException} saying which. */
    public static PoniSetup read(Path poni, Integer bins, String unit) throws IOException {
        if (!Files.isRegularFile(poni)) {
            throw new IllegalArgumentException("PONI file " + poni + " does not exist");
        }
        String text = Files.readString(poni);
        ObjectNode j = JsonNodeFactory.instance.objectNode().put("poni", text);
        if (bins != null) {
            j.put("bins", bins);
        }
        if (unit != null) {
            j.put("unit", unit);
        }
        return new PoniSetup(text, AzintSetup.fromJson(j, null));
    }
}
