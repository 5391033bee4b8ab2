package org.hutch.receiver.http;

import io.javalin.http.Context;

/** {@code /api/v1/azint/...}: served by the integration stage when one is configured. */
public interface AzintEndpoints {

    void last(Context ctx) throws Exception;

    void getConfig(Context ctx) throws Exception;

    void putConfig(Context ctx) throws Exception;

    /** No integration in this receiver: 204 for the result, a clear error for the configuration. */
    static AzintEndpoints none() {
        return new AzintEndpoints() {
            @Override
            public void last(Context ctx) {
                ctx.status(204);
            }

            @Override
            public void getConfig(Context ctx) {
                ApiServer.error(ctx, 404, "azimuthal integration is not configured in this receiver");
            }

            @Override
            public void putConfig(Context ctx) {
                ApiServer.error(ctx, 501, "azimuthal integration is not available in this receiver build");
            }
        };
    }
}
