package io.kizuna;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Kizuna platform as one process: intake, command side, projections, queries and the GraphQL API. */
@SpringBootApplication
public class KizunaApplication {

    public static void main(String[] args) {
        SpringApplication.run(KizunaApplication.class, args);
    }
}
