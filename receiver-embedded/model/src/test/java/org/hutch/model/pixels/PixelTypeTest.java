package org.hutch.model.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PixelTypeTest {

    @Test
    void readsNumpyNamesAndTypeStrings() {
        for (PixelType t : PixelType.values()) {
            assertEquals(t, PixelType.fromName(t.numpyName()));
            assertEquals(t, PixelType.fromName(" " + t.numpyName().toUpperCase() + " "));
        }
        assertEquals(PixelType.UINT16, PixelType.fromName("<u2"));
        assertEquals(PixelType.UINT8, PixelType.fromName("|u1"));
        assertEquals(PixelType.INT32, PixelType.fromName("=i4"));
        assertEquals(PixelType.UINT64, PixelType.fromName("<u8"));
        assertEquals(PixelType.FLOAT32, PixelType.fromName("float"));
        assertEquals(PixelType.FLOAT64, PixelType.fromName("f8"));
    }

    @Test
    void refusesUnknownAndBigEndianTypesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PixelType.fromName("uint12"));
        assertTrue(e.getMessage().contains("unknown pixel type 'uint12'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PixelType.fromName(">u2"));
        assertThrows(IllegalArgumentException.class, () -> PixelType.fromName(null));
    }

    @Test
    void sizesAndInvalidPixelConventions() {
        assertEquals(2, PixelType.UINT16.bytes());
        assertEquals(8, PixelType.UINT64.bytes());
        assertTrue(PixelType.UINT32.unsigned());
        assertFalse(PixelType.UINT32.signedInteger());
        assertTrue(PixelType.INT16.signedInteger());
        assertTrue(PixelType.FLOAT32.signed());
        assertTrue(PixelType.FLOAT32.floating());
        assertFalse(PixelType.FLOAT32.signedInteger());
        assertFalse(PixelType.FLOAT32.unsigned());
        assertEquals("uint16", PixelType.UINT16.toString());
    }
}
