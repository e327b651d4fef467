package io.kizuna.infra.privacy;

import io.kizuna.api.privacy.PersonalData;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Personal data in events and snapshots is sealed per customer ({@link PersonalDataSerializer} around Axon's general
 * and event serializers), with data keys kept in the event store's database ({@link JdbcDataKeys}). What is personal
 * is the {@code personalData} bean ({@code kizuna.privacy.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    /** The serializers whose payloads are stored: events (and their hashes), and snapshots (the general one). */
    private static final Set<String> SEALING_SERIALIZERS = Set.of("serializer", "eventSerializer");

    @Bean
    @ConditionalOnMissingBean(name = "personalData")
    PersonalData personalData(PrivacyProperties properties) {
        return new PersonalData(properties.traits(), properties.identifierTypes(), properties.properties());
    }

    @Bean
    JdbcDataKeys dataKeys(DataSource dataSource, PrivacyProperties properties) {
        return new JdbcDataKeys(dataSource, properties.keyCacheTtl(), properties.keyCacheSize());
    }

    @Bean
    PersonalDataCodec personalDataCodec(PersonalData personalData, JdbcDataKeys dataKeys) {
        return new PersonalDataCodec(personalData, dataKeys);
    }

    /** Wraps Axon's serializers as they are made; the codec (and its database) is looked up at first use. */
    @Bean
    static BeanPostProcessor personalDataSerializers(ObjectProvider<PersonalDataCodec> codec) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Serializer serializer
                        && !(bean instanceof PersonalDataSerializer)
                        && SEALING_SERIALIZERS.contains(beanName)) {
                    return new PersonalDataSerializer(serializer, codec::getObject);
                }
                return bean;
            }
        };
    }
}
