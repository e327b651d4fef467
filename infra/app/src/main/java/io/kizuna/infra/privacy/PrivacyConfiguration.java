package io.kizuna.infra.privacy;

import io.kizuna.api.privacy.PersonalData;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The installation's {@link PersonalData}: {@link PersonalData#defaults()} unless {@code kizuna.privacy.*} says. */
@Configuration
@EnableConfigurationProperties(PrivacyConfiguration.PrivacyProperties.class)
public class PrivacyConfiguration {

    /**
     * What is personal. Each list, when set, replaces its default: {@code traits} (default: name, firstName,
     * lastName, email, phone, address, birthday, avatar, username, street, postalCode), {@code identifier-types}
     * (default: email, phone, userId) and {@code properties} (touchpoint properties; default none).
     */
    @ConfigurationProperties("kizuna.privacy")
    public record PrivacyProperties(Set<String> traits, Set<String> identifierTypes, Set<String> properties) {}

    @Bean
    PersonalData personalData(PrivacyProperties properties) {
        return new PersonalData(
                properties.traits() == null ? PersonalData.DEFAULT_TRAITS : properties.traits(),
                properties.identifierTypes() == null
                        ? PersonalData.DEFAULT_IDENTIFIER_TYPES
                        : properties.identifierTypes(),
                properties.properties() == null ? Set.of() : properties.properties());
    }
}
