package org.partnershipatlas.endpoint.sparql;

import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.exec.http.Service;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;

/**
 * Makes every SERVICE call made by queries on a dataset pass the {@link PublicQueryPolicy}'s allow-list at the
 * moment it is made. {@link GuardedQuery} refuses the query text first; this catches what only appears at run time
 * (a SERVICE whose endpoint is a variable bound by the data) and any other way a query reaches the dataset.
 */
public final class ServiceAllowList {
    private ServiceAllowList() {}

    /** A SERVICE call refused by the allow-list as the query ran. */
    public static final class ServiceRefusedException extends QueryExecException {
        private static final long serialVersionUID = 1L;

        ServiceRefusedException(String reason) {
            super(reason);
        }
    }

    /** Installs the check in the dataset's context. */
    public static void install(Context context, PublicQueryPolicy policy) {
        ServiceExecutorRegistry registry = ServiceExecutorRegistry.get().copy();
        registry.addSingleLink((opExecute, original, binding, execCxt, chain) -> {
            policy.serviceRefusal(opExecute.getService()).ifPresent(reason -> {
                throw new ServiceRefusedException(reason);
            });
            return chain.createExecution(opExecute, original, binding, execCxt);
        });
        ServiceExecutorRegistry.set(context, registry);
        context.set(Service.httpServiceAllowed, !policy.allowedServices().isEmpty());
    }
}
