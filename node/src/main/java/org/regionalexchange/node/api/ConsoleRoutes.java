package org.regionalexchange.node.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Serves the operator console: the static pages under {@code /console/} on the API's own HTTPS listener. The pages
 * hold no data and need no sign-in themselves; everything they show comes from {@code /api/v1} with the user's own
 * credentials, so a role sees in the console exactly what the API lets it see. Files come from the classpath only,
 * by a strict name, with a content security policy that lets them load nothing from elsewhere.
 */
public final class ConsoleRoutes extends RouteBuilder {

    static final String FOLDER = "regional-exchange/console/";
    private static final String PREFIX = "/console";
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9-]+/)?[a-z0-9.-]+\\.(?:html|js|css|png|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "svg", "image/svg+xml");
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void configure() {
        from("platform-http:/console?matchOnUriPrefix=true&httpMethodRestrict=GET")
                .routeId("console")
                .process(this::serve);
    }

    private void serve(Exchange exchange) throws IOException {
        String uri = exchange.getIn().getHeader(Exchange.HTTP_URI, "", String.class);
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (name.isEmpty() || name.equals("/")) {
            if (!path.endsWith("/")) {
                exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 308);
                exchange.getMessage().setHeader("Location", "/console/");
                exchange.getMessage().setBody("");
                return;
            }
            name = "index.html";
        } else {
            name = name.substring(1);
        }
        byte[] file = NAME.matcher(name).matches() && !name.contains("..") ? read(FOLDER + name) : null;
        if (file == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setBody("no such page: open /console/");
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, TYPES.get(extension));
        exchange.getMessage().setHeader("Content-Security-Policy", POLICY);
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("Referrer-Policy", "no-referrer");
        exchange.getMessage().setHeader("Cache-Control", extension.equals("html") ? "no-cache" : "max-age=300");
        exchange.getMessage().setBody(file);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
