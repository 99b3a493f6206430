"""A test public-key infrastructure made inside the tests with `cryptography`: a root authority,
organization certificates with nonRepudiation, a timestamp authority, a revocation list, and an
authority nobody trusts. Nothing here is a real certificate; the keys live for one test run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSPHRASE = "Mật-khẩu thử 2026!"


@dataclass
class Issued:
	key: rsa.RSAPrivateKey
	cert: x509.Certificate

	@property
	def pem(self) -> str:
		return self.cert.public_bytes(serialization.Encoding.PEM).decode()

	@property
	def key_pem(self) -> bytes:
		return self.key.private_bytes(
			serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
		)

	def pkcs12(self, chain: list[Issued] = (), passphrase: str = PASSPHRASE) -> bytes:
		return pkcs12.serialize_key_and_certificates(
			b"test",
			self.key,
			self.cert,
			[issued.cert for issued in chain],
			serialization.BestAvailableEncryption(passphrase.encode()),
		)


def _name(common_name: str) -> x509.Name:
	return x509.Name(
		[
			x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
			x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Thử nghiệm"),
			x509.NameAttribute(NameOID.COMMON_NAME, common_name),
		]
	)


def _key() -> rsa.RSAPrivateKey:
	return rsa.generate_private_key(public_exponent=65537, key_size=2048)


NOW = dt.datetime.now(dt.timezone.utc)


def make_root(common_name: str) -> Issued:
	key = _key()
	cert = (
		x509.CertificateBuilder()
		.subject_name(_name(common_name))
		.issuer_name(_name(common_name))
		.public_key(key.public_key())
		.serial_number(x509.random_serial_number())
		.not_valid_before(NOW - dt.timedelta(days=365))
		.not_valid_after(NOW + dt.timedelta(days=3650))
		.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
		.add_extension(
			x509.KeyUsage(
				digital_signature=False,
				content_commitment=False,
				key_encipherment=False,
				data_encipherment=False,
				key_agreement=False,
				key_cert_sign=True,
				crl_sign=True,
				encipher_only=False,
				decipher_only=False,
			),
			critical=True,
		)
		.add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
		.sign(key, hashes.SHA256())
	)
	return Issued(key, cert)


def issue(
	root: Issued,
	common_name: str,
	*,
	not_before: dt.datetime | None = None,
	not_after: dt.datetime | None = None,
	timestamping: bool = False,
) -> Issued:
	key = _key()
	builder = (
		x509.CertificateBuilder()
		.subject_name(_name(common_name))
		.issuer_name(root.cert.subject)
		.public_key(key.public_key())
		.serial_number(x509.random_serial_number())
		.not_valid_before(not_before or NOW - dt.timedelta(days=30))
		.not_valid_after(not_after or NOW + dt.timedelta(days=730))
		.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
		.add_extension(
			x509.KeyUsage(
				digital_signature=True,
				content_commitment=not timestamping,  # nonRepudiation
				key_encipherment=False,
				data_encipherment=False,
				key_agreement=False,
				key_cert_sign=False,
				crl_sign=False,
				encipher_only=False,
				decipher_only=False,
			),
			critical=True,
		)
		.add_extension(
			x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False
		)
	)
	# where relying parties find the revocation list (never fetched in the tests: the list is
	# configured in the settings)
	builder = builder.add_extension(
		x509.CRLDistributionPoints(
			[
				x509.DistributionPoint(
					full_name=[x509.UniformResourceIdentifier("http://ca.example.invalid/root.crl")],
					relative_name=None,
					reasons=None,
					crl_issuer=None,
				)
			]
		),
		critical=False,
	)
	if timestamping:
		builder = builder.add_extension(
			x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
		)
	return Issued(key, builder.sign(root.key, hashes.SHA256()))


def crl(root: Issued, revoked: list[Issued]) -> str:
	builder = (
		x509.CertificateRevocationListBuilder()
		.issuer_name(root.cert.subject)
		.last_update(NOW - dt.timedelta(days=1))
		.next_update(NOW + dt.timedelta(days=30))
		.add_extension(
			x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False
		)
		.add_extension(x509.CRLNumber(1), critical=False)
	)
	for issued in revoked:
		builder = builder.add_revoked_certificate(
			x509.RevokedCertificateBuilder()
			.serial_number(issued.cert.serial_number)
			.revocation_date(NOW - dt.timedelta(days=2))
			.build()
		)
	return builder.sign(root.key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()


@dataclass
class TestPKI:
	root: Issued
	workplace: Issued  # the workplace committee's certificate
	ward: Issued  # the ward committee's
	branch: Issued  # a residence branch's
	tsa: Issued  # the timestamp authority
	expired: Issued
	revoked: Issued
	stranger_root: Issued  # an authority nobody configured
	stranger: Issued
	crl: str


@cache
def test_pki() -> TestPKI:
	"""One set of keys for the whole run (RSA keys take a moment to make)."""
	root = make_root("CA thử nghiệm Party Residence")
	stranger_root = make_root("CA lạ")
	revoked = issue(root, "Đảng ủy bị thu hồi")
	return TestPKI(
		root=root,
		workplace=issue(root, "Đảng ủy Công ty Xây dựng số 1"),
		ward=issue(root, "Đảng ủy phường An Thịnh"),
		branch=issue(root, "Chi bộ Tổ dân phố số 1"),
		tsa=issue(root, "Dịch vụ cấp dấu thời gian thử nghiệm", timestamping=True),
		expired=issue(
			root,
			"Đảng ủy chứng thư hết hạn",
			not_before=NOW - dt.timedelta(days=400),
			not_after=NOW - dt.timedelta(days=1),
		),
		revoked=revoked,
		stranger_root=stranger_root,
		stranger=issue(stranger_root, "Đảng ủy giả mạo"),
		crl=crl(root, [revoked]),
	)
