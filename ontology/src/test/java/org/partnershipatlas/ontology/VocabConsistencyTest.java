package org.partnershipatlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Resource;
import org.junit.jupiter.api.Test;

/** Every {@link PA} constant is declared in the ontology: this is the direction that catches typos in Java. */
class VocabConsistencyTest {
    @Test
    void everyPaConstantIsDeclaredInTheOntology() throws IllegalAccessException {
        List<String> undeclared = new ArrayList<>();
        int checked = 0;
        for (Field field : PA.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && Resource.class.isAssignableFrom(field.getType())) {
                Resource term = (Resource) field.get(null);
                checked++;
                if (!AtlasOntology.graph().contains(term.asNode(), Node.ANY, Node.ANY)) {
                    undeclared.add(field.getName());
                }
            }
        }
        assertThat(checked).isGreaterThan(5);
        assertThat(undeclared).isEmpty();
    }
}
