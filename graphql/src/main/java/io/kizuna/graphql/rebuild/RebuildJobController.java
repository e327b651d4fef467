package io.kizuna.graphql.rebuild;

import io.kizuna.api.job.FindRebuildJob;
import io.kizuna.api.job.FindVerificationJob;
import io.kizuna.api.job.JobProgress;
import io.kizuna.projection.rebuild.ViewRebuilds;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Background jobs over the event store: starts view rebuilds, and answers the progress of any job by id, routed by its
 * prefix (rebuild-… to the view rebuilds, verify-… to the history verifications).
 */
@Controller
public class RebuildJobController {

    private static final String REBUILD = "rebuild-";
    private static final String VERIFY = "verify-";

    private final ViewRebuilds rebuilds;
    private final QueryGateway queries;

    public RebuildJobController(ViewRebuilds rebuilds, QueryGateway queries) {
        this.rebuilds = rebuilds;
        this.queries = queries;
    }

    @MutationMapping
    public JobProgress rebuildViews(@Argument List<String> views) {
        return rebuilds.start(views);
    }

    @QueryMapping
    public JobProgress rebuildJob(@Argument String id) {
        if (id.startsWith(REBUILD)) {
            return queries.query(new FindRebuildJob(id), JobProgress.class).join();
        }
        if (id.startsWith(VERIFY)) {
            return queries.query(new FindVerificationJob(id), JobProgress.class).join();
        }
        return null;
    }

    @SchemaMapping(typeName = "RebuildJob")
    public List<String> views(JobProgress job) {
        return job.id().startsWith(REBUILD) ? rebuilds.viewsOf(job.id()) : null;
    }
}
