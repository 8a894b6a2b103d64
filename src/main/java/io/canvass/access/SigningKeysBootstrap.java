package io.canvass.access;

import io.canvass.CanvassConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the self-hosted signing keys on first start when token verification points at them
 * (the default). With an identity provider configured instead, nothing is created.
 */
@Startup
@ApplicationScoped
public class SigningKeysBootstrap {

    private static final Logger LOG = Logger.getLogger(SigningKeysBootstrap.class);

    private final CanvassConfig config;
    private final String verificationKeyLocation;

    public SigningKeysBootstrap(CanvassConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") String verificationKeyLocation) {
        this.config = config;
        this.verificationKeyLocation = verificationKeyLocation;
    }

    @PostConstruct
    void createKeysIfSelfHosted() {
        Path dataDir = Path.of(config.dataDir());
        Path selfHosted = SigningKeys.folder(dataDir).resolve(SigningKeys.PUBLIC_KEY_FILE);
        String location = verificationKeyLocation.startsWith("file:") ? verificationKeyLocation.substring(5)
                : verificationKeyLocation;
        if (!Path.of(location).toAbsolutePath().normalize().equals(selfHosted.toAbsolutePath().normalize())) {
            LOG.infof("Staff tokens are verified with %s", verificationKeyLocation);
            return;
        }
        if (SigningKeys.ensure(dataDir)) {
            LOG.infof("Created a token signing key pair in %s", SigningKeys.folder(dataDir).toAbsolutePath());
        }
    }
}
