package org.hutch.model.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcquisitionSettingsTest {

    @Test
    void acquisitionSettingsRefuseImpossibleValues() {
        AcquisitionSettings s = AcquisitionSettings.DEFAULT.withImages(5, 3);
        assertEquals(15, s.totalFrames());
        assertEquals(3, s.withTriggerMode(TriggerMode.INTE).totalFrames());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> s.withExposure(1.0, 0.5));
        assertTrue(p.getMessage().contains("period"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withExposure(0, 1));
        assertThrows(IllegalArgumentException.class, () -> s.withImages(0, 1));
        assertEquals("", s.withFileName(null).fileName());
    }

    @Test
    void triggerModesParseDectrisNames() {
        assertEquals(TriggerMode.INTS, TriggerMode.fromName("ints"));
        assertEquals(TriggerMode.EXTE, TriggerMode.fromName("EXTE"));
        assertTrue(TriggerMode.INTS.softwareTriggered());
        assertFalse(TriggerMode.INTERNAL.softwareTriggered());
        assertThrows(IllegalArgumentException.class, () -> TriggerMode.fromName("auto"));
    }
}
