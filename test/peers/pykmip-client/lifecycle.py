#!/usr/bin/python3
"""PyKMIP's own client (Debian python3-pykmip, kmip.pie.client.ProxyKmipClient) through a key's whole life on a
KMIP server: create, register, get, locate, activate, revoke, destroy. Prints one JSON object with what each step
returned, for the calling test to check against what the server stored. Never prints key material, only its
SHA-256.
usage: lifecycle.py HOST PORT CA_CERT CLIENT_CERT CLIENT_KEY NAME REGISTER_HEX"""
import hashlib, json, sys, warnings
warnings.simplefilter("ignore")
from kmip import enums
from kmip.core.factories import attributes as attribute_factory
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient

host, port, ca, cert, key, name, material_hex = sys.argv[1:8]
material = bytes.fromhex(material_hex)
out = {}

with ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca, ssl_version="PROTOCOL_TLSv1_2",
                     config_file="/dev/null", kmip_version=enums.KMIPVersion.KMIP_1_4) as client:
    created = client.create(enums.CryptographicAlgorithm.AES, 256, name=name,
                            cryptographic_usage_mask=[enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT])
    out["created"] = created

    registered = client.register(objects.SymmetricKey(enums.CryptographicAlgorithm.AES, 8 * len(material), material,
                                                      name=name + "-registered"))
    out["registered"] = registered

    got = client.get(created)
    out["created_get"] = {"length": len(got.value), "algorithm": got.cryptographic_algorithm.name,
                          "sha256": hashlib.sha256(got.value).hexdigest()}
    got = client.get(registered)
    out["registered_get_sha256"] = hashlib.sha256(got.value).hexdigest()

    f = attribute_factory.AttributeFactory()
    out["located"] = client.locate(attributes=[f.create_attribute(enums.AttributeType.NAME, name)])

    client.activate(created)
    state = client.get_attributes(created, ["State"])[1][0].attribute_value.value
    out["state_after_activate"] = state.name

    client.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, created)
    state = client.get_attributes(created, ["State"])[1][0].attribute_value.value
    out["state_after_revoke"] = state.name

    client.destroy(created)
    client.destroy(registered)
    try:
        client.get(created)
        out["get_after_destroy"] = "returned"
    except Exception as e:  # the server must refuse: the key is gone
        out["get_after_destroy"] = type(e).__name__ + ": " + str(e).splitlines()[0][:200]

print(json.dumps(out))
