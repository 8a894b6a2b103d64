package io.canvass.observability;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import java.net.URI;

/** Where the running test application serves health and metrics (its management interface). */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** The management interface's base address, without the {@code /q} root, e.g. {@code http://localhost:40123}. */
    public static String url() {
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
