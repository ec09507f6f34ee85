"""A certificate authority made by the tests, to sign requests as Alexa does (never trusted elsewhere)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime, timedelta, UTC

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _cert(subject: str, key, issuer_name: x509.Name, issuer_key, *, ca: bool, dns: list[str] | None,
          not_before: datetime, not_after: datetime, issuer_ski=None) -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=True, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True)
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    if dns:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(d) for d in dns]), critical=False)
    if issuer_ski is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class Authority:
    """A root, an intermediate and a signing certificate, like Amazon's echo-api chain."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    dns: tuple[str, ...] = ("echo-api.amazon.com",)
    leaf_not_after: datetime | None = None

    def __post_init__(self) -> None:
        start, end = self.now - timedelta(days=1), self.now + timedelta(days=365)
        self.root_key, self.intermediate_key, self.leaf_key = _key(), _key(), _key()
        self.root = _cert("Test Root", self.root_key, _name("Test Root"), self.root_key, ca=True, dns=None,
                          not_before=start, not_after=end)
        root_ski = self.root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        self.intermediate = _cert("Test Intermediate", self.intermediate_key, self.root.subject, self.root_key,
                                  ca=True, dns=None, not_before=start, not_after=end, issuer_ski=root_ski)
        inter_ski = self.intermediate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        self.leaf = _cert("echo-api.amazon.com", self.leaf_key, self.intermediate.subject, self.intermediate_key,
                          ca=False, dns=list(self.dns), not_before=start,
                          not_after=self.leaf_not_after or end, issuer_ski=inter_ski)

    def chain_pem(self) -> bytes:
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (self.leaf, self.intermediate))

    def sign(self, body: bytes, key=None) -> str:
        signature = (key or self.leaf_key).sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode()

    def headers(self, body: bytes, url: str = CERT_URL) -> dict[str, str]:
        return {"Signature-256": self.sign(body), "SignatureCertChainUrl": url,
                "Content-Type": "application/json"}
