package io.kizuna.graphql.verification;

import io.kizuna.api.history.HistoryVerification;
import io.kizuna.api.history.VerifyAllHistories;
import io.kizuna.api.history.VerifyHistory;
import io.kizuna.api.job.JobProgress;
import io.kizuna.api.validation.NotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Tamper evidence: verifies one customer's history, or starts verifying every history in the background. */
@Controller
public class HistoryVerificationController {

    private final QueryGateway queries;

    public HistoryVerificationController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public HistoryVerification verifyHistory(@Argument String id) {
        HistoryVerification verification =
                queries.query(new VerifyHistory(id), HistoryVerification.class).join();
        if (verification == null) {
            throw new NotFoundException("id", "no customer with id " + id);
        }
        return verification;
    }

    @MutationMapping
    public JobProgress verifyAllHistories() {
        return queries.query(new VerifyAllHistories(), JobProgress.class).join();
    }
}
