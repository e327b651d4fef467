package io.kizuna.graphql.graphiql;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the self-hosted GraphiQL at {@code /graphiql}. Its page and scripts are files of this module
 * ({@code static/graphiql}), so it works without internet access, unlike Spring's CDN-based page.
 */
@Configuration(proxyBeanMethods = false)
public class GraphiqlRoute implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/graphiql", "/graphiql/index.html");
        registry.addRedirectViewController("/graphiql/", "/graphiql/index.html");
    }
}
