"""Query the Atlas as a Python user would: SPARQLWrapper with its default settings (GET, XML results)."""
import sys

from SPARQLWrapper import SPARQLWrapper

endpoint = sys.argv[1]
sparql = SPARQLWrapper(endpoint)
sparql.setQuery("""
    PREFIX pa: <https://w3id.org/partnership-atlas/def#>
    SELECT (COUNT(?p) AS ?n) WHERE { ?p a pa:Partnership }
""")
results = sparql.query().convert()  # an xml.dom.minidom Document by default
literal = results.getElementsByTagName("literal")[0]
print("partnerships", literal.firstChild.data)

sparql.setQuery("""
    CONSTRUCT { ?l ?p ?o } WHERE { ?l a <https://w3id.org/partnership-atlas/def#Locality> ; ?p ?o }
""")
graph = sparql.query().convert()  # an rdflib Graph
print("locality-triples", len(graph))
