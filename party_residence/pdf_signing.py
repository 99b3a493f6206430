"""PAdES signatures with pyHanko: the key stores, the visible stamp, and the two kinds of signature.

- The first signature on a document is a **certification** signature (DocMDP "fill forms"): it
  locks the content and still allows the empty signature fields laid out with it to be signed
  later, in an incremental update that leaves the signed bytes as they are.
- A later signature (the ward's on the branch's review form, or on the receipt stub of a letter)
  is an **approval** signature in one of those fields.

SHA-256, PAdES baseline B-B, or B-T when a timestamp authority is configured. Nothing here knows
about the procedure or the database; signatures.py does.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import cms, pem
from asn1crypto import x509 as asn1_x509
from asn1crypto.algos import SignedDigestAlgorithm
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory, ShapeResult
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

DIGEST = "sha256"
STAMP_TEXT = "Ký bởi: %(signer)s\nChức vụ: %(role)s\nThời gian: %(time)s"
# the fonts looked for when Party Residence Settings names none (Debian: fonts-dejavu-core,
# fonts-noto-core); both draw the Vietnamese letters. (Liberation Serif loses the letters built
# from components, such as "ả" and "ự", when pyHanko subsets it.)
FONT_CANDIDATES = (
	"/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
	"/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
)
STAMP_SIZE = (200, 56)  # points
# room the placeholder reserves for the signature container (certificates, timestamp token)
SIGNATURE_BYTES = 16_384


class SigningSetupError(Exception):
	"""The key store, certificate or font cannot be used as configured."""


# Certificates ----------------------------------------------------------------------------------


@dataclass
class CertificateFacts:
	subject: str
	issuer: str
	serial: str
	fingerprint: str
	valid_from: datetime
	valid_to: datetime
	common_name: str
	pem: str


def certificate_facts(cert: asn1_x509.Certificate) -> CertificateFacts:
	validity = cert["tbs_certificate"]["validity"]
	return CertificateFacts(
		subject=cert.subject.human_friendly,
		issuer=cert.issuer.human_friendly,
		serial=format(cert.serial_number, "X"),
		fingerprint=hashlib.sha256(cert.dump()).hexdigest().upper(),
		valid_from=validity["not_before"].native,
		valid_to=validity["not_after"].native,
		common_name=cert.subject.native.get("common_name") or cert.subject.human_friendly,
		pem=pem.armor("CERTIFICATE", cert.dump()).decode(),
	)


def load_certificate(text: str | bytes) -> asn1_x509.Certificate:
	data = text.encode() if isinstance(text, str) else text
	if pem.detect(data):
		_kind, _headers, data = pem.unarmor(data)
	try:
		return asn1_x509.Certificate.load(data)
	except ValueError as error:
		raise SigningSetupError("not an X.509 certificate") from error


def load_certificates(text: str | None) -> list[asn1_x509.Certificate]:
	"""Every certificate of a PEM bundle."""
	return _load_pem_bundle(text, asn1_x509.Certificate, "not an X.509 certificate")


def load_crls(text: str | None) -> list:
	"""Every certificate revocation list of a PEM bundle."""
	from asn1crypto import crl

	return _load_pem_bundle(text, crl.CertificateList, "not a certificate revocation list")


def _load_pem_bundle(text: str | None, kind, refusal: str) -> list:
	data = (text or "").strip().encode()
	if not data:
		return []
	try:
		return [kind.load(der) for _kind, _headers, der in pem.unarmor(data, multiple=True)]
	except ValueError as error:
		raise SigningSetupError(refusal) from error


# Key stores ------------------------------------------------------------------------------------


class KeptKeySigner(signers.SimpleSigner):
	"""pyHanko's in-memory signer, with the private key parsed once rather than on every signature
	(checking an RSA key on load costs about 40 ms; a batch signs thousands of letters)."""

	def __init__(self, *args, **kwargs):
		super().__init__(*args, **kwargs)
		from cryptography.hazmat.primitives import serialization

		self._key = serialization.load_der_private_key(self.signing_key.dump(), password=None)

	def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
		from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
		from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
		from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
		from pyhanko.sign.general import get_pyca_cryptography_hash

		mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
		hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
		if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, RSAPrivateKey):
			return self._key.sign(data, PKCS1v15(), hash_algorithm)
		if mechanism == "ecdsa" and isinstance(self._key, EllipticCurvePrivateKey):
			return self._key.sign(data, ECDSA(hash_algorithm))
		return super().sign_raw(data, digest_algorithm)


def pkcs12_signer(data: bytes, passphrase: str | None) -> KeptKeySigner:
	from cryptography.hazmat.primitives.serialization import pkcs12

	try:
		key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase.encode() if passphrase else None)
	except Exception as error:  # cryptography raises several kinds for a bad file or passphrase
		raise SigningSetupError("the PKCS#12 file cannot be opened with this passphrase") from error
	if key is None or cert is None:
		raise SigningSetupError("the PKCS#12 file holds no key and certificate")
	from asn1crypto import keys
	from cryptography.hazmat.primitives import serialization

	der_key = key.private_bytes(
		serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
	)
	certificate = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
	others = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain or ()]
	return KeptKeySigner(
		signing_cert=certificate,
		signing_key=keys.PrivateKeyInfo.load(der_key),
		cert_registry=SimpleCertificateStore.from_certs([certificate, *others]),
	)


class Pkcs11Key:
	"""A signer on a PKCS#11 token, open for one `with` block."""

	def __init__(self, library: str, token_label: str, pin: str, key_label: str, cert_label: str | None):
		self.library, self.token_label, self.pin = library, token_label, pin
		self.key_label, self.cert_label = key_label, cert_label or key_label
		self.session = None

	def __enter__(self) -> signers.Signer:
		from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

		try:
			self.session = open_pkcs11_session(self.library, token_label=self.token_label, user_pin=self.pin)
			return PKCS11Signer(self.session, cert_label=self.cert_label, key_label=self.key_label)
		except Exception as error:  # python-pkcs11 raises its own hierarchy for every token error
			raise SigningSetupError("the PKCS#11 token cannot be opened as configured") from error

	def __exit__(self, *exc):
		if self.session is not None:
			self.session.close()


class ExternalHashSigner(signers.Signer):
	"""A signer whose signature comes from outside the server: a token the officer holds, or a
	remote signing service. `provide(request)` receives a SigningRequest (the SHA-256 of the
	prepared PDF's signed byte range, and the digest of the CMS signed attributes that carry it,
	which is what a raw RSA/ECDSA key signs) and returns the signature value."""

	def __init__(self, certificate: asn1_x509.Certificate, provide, signature_size: int = 512):
		self.provide = provide
		self.signature_size = signature_size
		algorithm = certificate.public_key.algorithm
		mechanism = "sha256_ecdsa" if algorithm == "ec" else "sha256_rsa"
		super().__init__(
			signing_cert=certificate,
			cert_registry=SimpleCertificateStore.from_certs([certificate]),
			signature_mechanism=SignedDigestAlgorithm({"algorithm": mechanism}),
		)

	async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
		if dry_run:
			return bytes(self.signature_size)
		attributes = cms.CMSAttributes.load(data)
		document_digest = next(
			attribute["values"][0].native
			for attribute in attributes
			if attribute["type"].native == "message_digest"
		)
		return self.provide(
			SigningRequest(
				document_digest=document_digest,
				signed_attributes=data,
				signed_attributes_digest=hashlib.new(digest_algorithm, data).digest(),
				digest_algorithm=digest_algorithm,
			)
		)


@dataclass
class SigningRequest:
	"""What an external signer receives."""

	document_digest: bytes  # SHA-256 of the PDF's signed byte range
	signed_attributes: bytes  # DER of the CMS signed attributes (they contain document_digest)
	signed_attributes_digest: bytes  # what a raw key signs (PKCS#1 v1.5 or ECDSA over SHA-256)
	digest_algorithm: str = DIGEST


# The stamp -------------------------------------------------------------------------------------


def find_font(configured: str | None = None) -> str:
	for path in ((configured,) if configured else ()) + FONT_CANDIDATES:
		if path and os.path.isfile(path):
			return path
	raise SigningSetupError("no TrueType font with Vietnamese letters was found for the stamp")


def stamp_style(font_path: str, seal_image: bytes | None = None) -> TextStampStyle:
	background = None
	if seal_image:
		from PIL import Image
		from pyhanko.pdf_utils.images import PdfImage

		background = PdfImage(Image.open(io.BytesIO(seal_image)))
	return TextStampStyle(
		stamp_text=STAMP_TEXT,
		text_box_style=TextBoxStyle(
			font=_LineByLineFactory(stamp_font(font_path), font_size=8, bcp47_lang_code="vi"),
			leading=11,
		),
		background=background,
		background_opacity=0.35,
		border_width=1,
	)


_scaled_fonts: dict[tuple[str, float], str] = {}


def stamp_font(path: str) -> str:
	"""The font cut down to the letters a Vietnamese stamp uses (pyHanko subsets the font again
	on every signature, and a whole font costs about 100 ms a time) with 1,000 units to the em (pyHanko writes glyph widths
	in font units while PDF reads them in thousandths: DejaVu's 2,048 spread the letters out).
	Made once per process, in the temporary directory."""
	import tempfile

	from fontTools import subset
	from fontTools.ttLib import TTFont
	from fontTools.ttLib.scaleUpem import scale_upem

	key = (path, os.path.getmtime(path))
	if key not in _scaled_fonts or not os.path.isfile(_scaled_fonts[key]):
		font = TTFont(path)
		options = subset.Options()
		options.layout_features = []  # precomposed letters need no shaping tables
		options.hinting = False
		options.name_IDs = ["*"]
		options.notdef_outline = True
		subsetter = subset.Subsetter(options)
		subsetter.populate(unicodes=STAMP_UNICODES)
		subsetter.subset(font)
		if font["head"].unitsPerEm != 1000:
			scale_upem(font, 1000)
		name = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
		target = os.path.join(tempfile.gettempdir(), f"party-residence-stamp-{name}.ttf")
		font.save(target + f".{os.getpid()}")
		os.replace(target + f".{os.getpid()}", target)
		_scaled_fonts[key] = target
	return _scaled_fonts[key]


# ASCII, the Latin-1 letters, Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư, the Vietnamese block, dashes and quotes
STAMP_UNICODES = [
	*range(0x20, 0x7F),
	*range(0xC0, 0x100),
	0x102,
	0x103,
	0x110,
	0x111,
	0x128,
	0x129,
	0x168,
	0x169,
	0x1A0,
	0x1A1,
	0x1AF,
	0x1B0,
	*range(0x1EA0, 0x1EFA),
	*range(0x2010, 0x2027),
]


# the embedded font programs already made, by font file and the glyphs a stamp uses: the stamps of
# one organization use nearly the same letters, and cutting and writing the font is a third of a
# signature's time
_font_programs: dict[tuple[str, frozenset[int]], bytes] = {}
_FONT_PROGRAMS_KEPT = 256


class _LineByLineAccumulator(GlyphAccumulator):
	"""pyHanko's shaping engine, laying out a stamp of several lines with T* from the start of
	each line: its own layout moves back by the computed width of the line, and each line then
	starts where the rendered width and the computed one differ.

	The font program embedded for a set of glyphs is made once per process: pyHanko keeps each
	glyph's number in the cut font (CIDToGIDMap /Identity), so the same glyphs give the same
	program, byte for byte."""

	font_path = ""

	@property
	def uses_complex_positioning(self):
		return False

	def _program_key(self) -> tuple[str, frozenset[int]]:
		return (self.font_path, frozenset(self._glyphs))

	def prepare_write(self):
		if self._write_prepared:
			return
		kept = _font_programs.get(self._program_key())
		if kept is None:
			key = self._program_key()  # before pyHanko cuts the font down to these glyphs
			super().prepare_write()
			program = self.cidfont_obj["/FontDescriptor"].get_object()["/FontFile2"].get_object()
			if len(_font_programs) >= _FONT_PROGRAMS_KEPT:
				_font_programs.clear()
			_font_programs[key] = program.encoded_data
			return
		self._subset_created = True  # the kept program is written instead of a new cut
		# pyHanko writes the font program through the CID font's set_font_file
		self.cidfont_obj.set_font_file = lambda writer: _kept_font_file(self.cidfont_obj, writer, kept)
		super().prepare_write()

	def shape(self, txt: str, with_actual_text: bool = True) -> ShapeResult:
		result = super().shape(txt, with_actual_text)
		# the closing "<width> 0 Td" would move the line start to the end of this line
		ops = re.sub(rb" -?[0-9.]+ 0 Td( EMC)?$", rb"\1", result.graphics_ops)
		return ShapeResult(ops, result.x_advance, result.y_advance)


def _kept_font_file(cidfont, writer, encoded: bytes):
	from pyhanko.pdf_utils import generic

	stream = generic.StreamObject(
		{generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")}, encoded_data=encoded
	)
	reference = writer.add_object(stream)
	cidfont._font_descriptor[generic.pdf_name("/FontFile2")] = reference
	return reference


class _LineByLineFactory(GlyphAccumulatorFactory):
	def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
		handle = open(self.font_file, "rb")  # pyHanko's own factory opens it the same way
		if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
			obj_stream = writer.prepare_object_stream()
		engine = _LineByLineAccumulator(
			writer=writer,
			font_handle=handle,
			font_size=self.font_size,
			bcp47_lang_code=self.bcp47_lang_code,
			obj_stream=obj_stream,
		)
		engine.font_path = self.font_file
		return engine


# Where the stamps go ---------------------------------------------------------------------------


@dataclass
class Place:
	"""A signature field: its name, page (0-based) and box (x1, y1, x2, y2 in points)."""

	name: str
	page: int
	box: tuple[int, int, int, int]


MARKER = "https://signature.invalid/"


def signature_anchors(pdf: bytes) -> tuple[list[tuple[int, float, float]], int]:
	"""(page, x, y) of each signature block of the party document layout, in document order, and
	the number of pages.

	The layout puts a one-pixel link to MARKER at the start of each block's "T/M …" heading
	(templates/print/macros.html); wkhtmltopdf turns it into a link annotation whose rectangle is
	where the heading is. Reading a page's annotations takes a millisecond, where extracting its
	text takes half a second. certify() removes these links in the signed revision."""
	from pypdf import PdfReader

	anchors = []
	pages = PdfReader(io.BytesIO(pdf)).pages
	for number, page in enumerate(pages):
		for annotation in page.get("/Annots") or ():
			annotation = annotation.get_object()
			uri = (annotation.get("/A") or {}).get("/URI") or ""
			if annotation.get("/Subtype") == "/Link" and str(uri).startswith(MARKER):
				x1, y1, _x2, _y2 = (float(value) for value in annotation["/Rect"])
				anchors.append((number, x1, y1))
	return sorted(anchors, key=lambda anchor: (anchor[0], -anchor[2], anchor[1])), len(pages)


def _drop_markers(writer) -> None:
	"""The marker links of the layout are not part of the signed document."""
	from pyhanko.pdf_utils import generic

	def pages(node):
		node = node.get_object()
		if node.get("/Type") == "/Pages":
			for kid in node["/Kids"]:
				yield from pages(kid)
		else:
			yield node

	for page in pages(writer.root["/Pages"]):
		annotations = page.get("/Annots")
		if not annotations:
			continue
		kept = [
			annotation
			for annotation in annotations.get_object()
			if not str((annotation.get_object().get("/A") or {}).get("/URI") or "").startswith(MARKER)
		]
		if len(kept) != len(annotations.get_object()):
			page["/Annots"] = generic.ArrayObject(kept)
			writer.update_container(page)


def place_below(anchor: tuple[int, float, float] | None, name: str, page_count: int) -> Place:
	"""The stamp's box in the blank space under the heading of a signature block, or the lower
	right corner of the last page when the layout has no such heading."""
	width, height = STAMP_SIZE
	if anchor is None:
		return Place(name, page_count - 1, (340, 60, 340 + width, 60 + height))
	page, x, y = anchor  # the top left corner of the heading "T/M …"
	centre = x + 45  # "T/M ĐẢNG ỦY" is about 90 points wide at 14 pt
	x1 = int(max(20, min(centre - width / 2, 575 - width)))
	y2 = int(y - 32)  # under the heading and the title line
	return Place(name, page, (x1, y2 - height, x1 + width, y2))


def page_count(pdf: bytes) -> int:
	from pypdf import PdfReader

	return len(PdfReader(io.BytesIO(pdf)).pages)


# Signing -----------------------------------------------------------------------------------------


@dataclass
class Signature:
	"""One signature to apply."""

	signer: signers.Signer
	place: Place
	signer_name: str  # "Ký bởi …": the organization
	role: str = ""  # the signer's title in the stamp
	time: str = ""  # the signing time in the stamp, in the site's time zone
	reason: str = ""
	location: str = ""
	font_path: str = ""
	seal_image: bytes | None = None
	timestamper: TimeStamper | None = None
	later_places: list[Place] = field(default_factory=list)  # empty fields left for later signers


def certify(pdf: bytes, signature: Signature) -> bytes:
	"""The first signature: lays out the empty fields for later signers, then certifies the
	document, allowing only form filling and signing those fields afterwards."""
	writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
	_drop_markers(writer)
	for later in signature.later_places:
		fields.append_signature_field(writer, SigFieldSpec(later.name, on_page=later.page, box=later.box))
	return _sign(writer, signature, certify=True, new_field=True)


def countersign(pdf: bytes, signature: Signature) -> bytes:
	"""A later signature in a field the certification left empty, as an incremental update."""
	writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
	existing = {name for name, _value, _ref in fields.enumerate_sig_fields(writer.prev, filled_status=False)}
	return _sign(writer, signature, certify=False, new_field=signature.place.name not in existing)


def _sign(writer, signature: Signature, certify: bool, new_field: bool) -> bytes:
	place = signature.place
	meta = signers.PdfSignatureMetadata(
		field_name=place.name,
		md_algorithm=DIGEST,
		subfilter=SigSeedSubFilter.PADES,
		certify=certify,
		docmdp_permissions=MDPPerm.FILL_FORMS,
		name=signature.signer_name,
		reason=signature.reason or None,
		location=signature.location or None,
	)
	pdf_signer = signers.PdfSigner(
		meta,
		signer=signature.signer,
		timestamper=signature.timestamper,
		stamp_style=stamp_style(signature.font_path, signature.seal_image),
		new_field_spec=SigFieldSpec(place.name, on_page=place.page, box=place.box) if new_field else None,
	)
	output = pdf_signer.sign_pdf(
		writer,
		existing_fields_only=not new_field,
		bytes_reserved=SIGNATURE_BYTES,
		appearance_text_params={"role": signature.role or "", "time": signature.time or ""},
	)
	return output.getvalue()


def timestamper(url: str | None) -> TimeStamper | None:
	"""The RFC 3161 client for the configured timestamp authority (B-T), or None (B-B)."""
	return HTTPTimeStamper(url) if url else None


def sha256(data: bytes) -> str:
	return hashlib.sha256(data).hexdigest()
