package org.partnershipatlas.endpoint.sparql;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementAntiJoin;
import org.apache.jena.sparql.syntax.ElementAssign;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementDataset;
import org.apache.jena.sparql.syntax.ElementExists;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementLateral;
import org.apache.jena.sparql.syntax.ElementMinus;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementNotExists;
import org.apache.jena.sparql.syntax.ElementOptional;
import org.apache.jena.sparql.syntax.ElementSemiJoin;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementUnfold;
import org.apache.jena.sparql.syntax.ElementUnion;
import org.apache.jena.sparql.syntax.ElementVisitorBase;

/**
 * Every {@code SERVICE} clause of a query, wherever the grammar lets it be: in the pattern at any depth, in
 * subqueries, and inside {@code EXISTS}/{@code NOT EXISTS} in any expression (FILTER, BIND, SELECT expressions,
 * GROUP BY, HAVING, ORDER BY, aggregates). A query may have no pattern at all ({@code DESCRIBE <iri>}).
 */
final class ServiceClauses {
    /**
     * One SERVICE clause.
     *
     * @param endpoint its endpoint (an IRI or a variable)
     * @param inSortOrAggregate whether it sits in an EXISTS inside ORDER BY or an aggregate's expression, where
     *     Jena 5.6 evaluates it wrongly
     */
    record Found(Node endpoint, boolean inSortOrAggregate) {}

    private final List<Found> found = new ArrayList<>();

    private ServiceClauses() {}

    static List<Found> of(Query query) {
        ServiceClauses clauses = new ServiceClauses();
        clauses.query(query, false);
        return clauses.found;
    }

    private void query(Query query, boolean inSortOrAggregate) {
        element(query.getQueryPattern(), inSortOrAggregate);
        exprs(query.getProject(), inSortOrAggregate);
        exprs(query.getGroupBy(), inSortOrAggregate);
        if (query.getHavingExprs() != null) {
            query.getHavingExprs().forEach(e -> expr(e, inSortOrAggregate));
        }
        if (query.getOrderBy() != null) {
            for (SortCondition condition : query.getOrderBy()) {
                expr(condition.getExpression(), true);
            }
        }
        if (query.getAggregators() != null) {
            for (ExprAggregator aggregator : query.getAggregators()) {
                aggregator(aggregator.getAggregator());
            }
        }
    }

    private void aggregator(Aggregator aggregator) {
        if (aggregator != null && aggregator.getExprList() != null) {
            aggregator.getExprList().forEach(e -> expr(e, true));
        }
    }

    private void exprs(VarExprList list, boolean inSortOrAggregate) {
        if (list != null) {
            list.getExprs().values().forEach(e -> expr(e, inSortOrAggregate));
        }
    }

    private void exprs(ExprList list, boolean inSortOrAggregate) {
        if (list != null) {
            list.forEach(e -> expr(e, inSortOrAggregate));
        }
    }

    private void expr(Expr expr, boolean inSortOrAggregate) {
        if (expr == null) {
            return;
        }
        if (expr instanceof ExprAggregator aggregator) {
            aggregator(aggregator.getAggregator());
        } else if (expr instanceof ExprFunctionOp withPattern) {
            element(withPattern.getElement(), inSortOrAggregate);
        } else if (expr instanceof ExprFunction function) {
            function.getArgs().forEach(e -> expr(e, inSortOrAggregate));
        }
    }

    private void element(Element element, boolean inSortOrAggregate) {
        if (element == null) {
            return;
        }
        element.visit(new ElementVisitorBase() {
            @Override
            public void visit(ElementFilter el) {
                expr(el.getExpr(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementAssign el) {
                expr(el.getExpr(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementBind el) {
                expr(el.getExpr(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementUnfold el) {
                expr(el.getExpr(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementUnion el) {
                el.getElements().forEach(e -> element(e, inSortOrAggregate));
            }

            @Override
            public void visit(ElementOptional el) {
                element(el.getOptionalElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementLateral el) {
                element(el.getLateralElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementSemiJoin el) {
                element(el.getSubElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementAntiJoin el) {
                element(el.getSubElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementGroup el) {
                el.getElements().forEach(e -> element(e, inSortOrAggregate));
            }

            @Override
            public void visit(ElementDataset el) {
                element(el.getElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementNamedGraph el) {
                element(el.getElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementExists el) {
                element(el.getElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementNotExists el) {
                element(el.getElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementMinus el) {
                element(el.getMinusElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementService el) {
                found.add(new Found(el.getServiceNode(), inSortOrAggregate));
                element(el.getElement(), inSortOrAggregate);
            }

            @Override
            public void visit(ElementSubQuery el) {
                query(el.getQuery(), inSortOrAggregate);
            }
        });
    }
}
