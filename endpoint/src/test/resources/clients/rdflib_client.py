"""Query the Atlas with rdflib: its SPARQLStore, and a plain parse of a named graph over the Graph Store Protocol."""
import sys

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore

endpoint, graph_url = sys.argv[1], sys.argv[2]
store = SPARQLStore(endpoint)
rows = list(rdflib.Graph(store=store).query("""
    PREFIX pa: <https://w3id.org/partnership-atlas/def#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?name WHERE { ?l a pa:Locality ; skos:prefLabel ?name } ORDER BY ?name
"""))
print("localities", len(rows), rows[0][0])

g = rdflib.Graph()
g.parse(graph_url, format="turtle")
print("graph-triples", len(g))
