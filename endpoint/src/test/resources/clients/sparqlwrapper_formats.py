"""SPARQLWrapper against the Atlas: SELECT, ASK, CONSTRUCT and DESCRIBE, by GET and POST, with the default settings
and with each setReturnFormat. SPARQLWrapper puts the format's name in the format=, output= and results=
parameters as well as in Accept. Prints one line per case: "ok ..." or "FAIL ...", then "cases N"."""
import sys
import warnings
import xml.dom.minidom

import rdflib
from SPARQLWrapper import SPARQLWrapper, GET, POST, JSON, XML, TURTLE, N3, RDF, RDFXML, CSV, TSV, JSONLD

warnings.simplefilter("ignore")
endpoint = sys.argv[1]
PA = "PREFIX pa: <https://w3id.org/partnership-atlas/def#> "
QUERIES = {
    "SELECT": PA + "SELECT ?l WHERE { ?l a pa:Locality } LIMIT 3",
    "ASK": PA + "ASK { ?l a pa:Locality }",
    "CONSTRUCT": PA + "CONSTRUCT { ?l a pa:Locality } WHERE { ?l a pa:Locality } LIMIT 3",
    "DESCRIBE": "DESCRIBE <https://w3id.org/partnership-atlas/id/locality/newham>",
}
FORMATS = [None, XML, JSON, TURTLE, N3, RDF, RDFXML, CSV, TSV]
try:
    SPARQLWrapper(endpoint).setReturnFormat(JSONLD)
    FORMATS.append(JSONLD)
    print("json-ld supported by this SPARQLWrapper")
except ValueError:
    # Debian's SPARQLWrapper 1.8.5 needs the rdflib-jsonld package for JSON-LD and refuses it before any request.
    print("json-ld unsupported by this SPARQLWrapper")


def non_empty(form, result):
    """Whether the converted result holds an answer (ASK: true)."""
    if isinstance(result, rdflib.Graph):
        return len(result) > 0
    if isinstance(result, xml.dom.minidom.Document):
        if form == "ASK":
            return result.getElementsByTagName("boolean")[0].firstChild.data == "true"
        return len(result.getElementsByTagName("result")) > 0 or len(result.getElementsByTagName("rdf:RDF")) > 0
    if isinstance(result, dict):
        if form == "ASK":
            return result.get("boolean") is True
        if "results" in result:
            return len(result["results"]["bindings"]) > 0
        return len(result) > 0
    if isinstance(result, list):
        return len(result) > 0
    if isinstance(result, bytes):
        result = result.decode("utf-8")
    if isinstance(result, str):
        return len(result.strip()) > 0 and (form != "ASK" or "true" in result)
    return False


cases = 0
for form, query in QUERIES.items():
    for method in (GET, POST):
        for fmt in FORMATS:
            cases += 1
            name = "%s %s %s" % (form, method, fmt or "default")
            try:
                sparql = SPARQLWrapper(endpoint)
                sparql.setMethod(method)
                if fmt:
                    sparql.setReturnFormat(fmt)
                sparql.setQuery(query)
                response = sparql.query()
                content_type = response.info()["content-type"]
                result = response.convert()
                if non_empty(form, result):
                    print("ok", name, content_type, type(result).__name__)
                else:
                    print("FAIL", name, content_type, "empty:", repr(result)[:200])
            except Exception as e:  # report every failure, keep going
                print("FAIL", name, type(e).__name__, str(e)[:300].replace("\n", " "))
print("cases", cases)
