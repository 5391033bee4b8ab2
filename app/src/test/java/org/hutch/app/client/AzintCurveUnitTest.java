package org.hutch.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.hutch.model.curve.RadialUnit;
import org.junit.jupiter.api.Test;

/** The curve's radial unit is read from the receiver's JSON once, at the client, into the model's enum. */
class AzintCurveUnitTest {

    private static HttpServer receiverWithCurveUnit(String unit) throws IOException {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = path.equals("/api/v1/status") ? "{\"state\":\"idle\"}"
                    : path.equals("/api/v1/azint/last")
                    ? "{\"frame\":3,\"unit\":\"" + unit + "\",\"radial\":[1,2],\"intensity\":[5,6]}" : null;
            byte[] b = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(body == null ? 404 : 200, b.length == 0 ? -1 : b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
        web.start();
        return web;
    }

    @Test
    void pyfaiUnitNameBecomesTheEnum() throws Exception {
        HttpServer web = receiverWithCurveUnit("2th_deg");
        try (ReceiverClient c = ReceiverClients.connect("http://127.0.0.1:" + web.getAddress().getPort())) {
            AzintCurve curve = c.lastCurve().orElseThrow();
            assertEquals(RadialUnit.TTH_DEG, curve.unit());
            assertEquals(3, curve.frame());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void unknownUnitIsAnErrorThatNamesIt() throws Exception {
        HttpServer web = receiverWithCurveUnit("furlong");
        try (ReceiverClient c = ReceiverClients.connect("http://127.0.0.1:" + web.getAddress().getPort())) {
            ReceiverException e = assertThrows(ReceiverException.class, c::lastCurve);
            assertTrue(e.getMessage().contains("furlong") && e.getMessage().contains("/api/v1/azint/last"),
                    e.getMessage());
        } finally {
            web.stop(0);
        }
    }
}
