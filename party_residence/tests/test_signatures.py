"""Digitally signed letters, review forms and reports, checked as anyone who receives them would.

The certificates come from a test authority made inside the tests (tests/certificates.py): a
root, organization certificates with nonRepudiation, a timestamp authority and a revocation list.
"""

import io
import os
import shutil
import subprocess
import tempfile
import unittest
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, now_datetime
from party_residence import pdf_signing, signature_check, signatures, verification
from party_residence.exceptions import SigningError, SigningNotAllowedError
from party_residence.tests.base import PartyResidenceTestCase
from party_residence.tests.certificates import PASSPHRASE, test_pki
from party_residence.tests.fixtures import ensure_world, make_scoped_user

SETTINGS = "Party Residence Settings"


def private_file(content: bytes, name: str) -> str:
	file = frappe.get_doc({"doctype": "File", "file_name": name, "is_private": 1, "content": content})
	file.insert(ignore_permissions=True)
	return file.file_url


def make_identity(organization, issued, roles=("Workplace Party Officer",), **values):
	pki = test_pki()
	doc = frappe.get_doc(
		{
			"doctype": "Signing Identity",
			"party_organization": organization,
			"signing_roles": [{"role": role} for role in roles],
			"key_source": "PKCS#12 File",
			"pkcs12_file": private_file(issued.pkcs12([pki.root]), f"{organization}.p12"),
			"pkcs12_passphrase": PASSPHRASE,
			**values,
		}
	)
	return doc.insert()


def dummy_timestamper():
	from asn1crypto import keys
	from cryptography.hazmat.primitives import serialization
	from pyhanko.sign.timestamps import DummyTimeStamper

	tsa = test_pki().tsa
	key = serialization.load_pem_private_key(tsa.key_pem, None).private_bytes(
		serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
	)
	return DummyTimeStamper(
		tsa_cert=pdf_signing.load_certificate(tsa.pem), tsa_key=keys.PrivateKeyInfo.load(key)
	)


class SigningTestCase(PartyResidenceTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.pki = test_pki()
		settings = frappe.get_single(SETTINGS)
		settings.trusted_roots = cls.pki.root.pem
		settings.revocation_lists = cls.pki.crl
		settings.save()
		# the workplace officer of T-WP-X signs for it; the ward officer of T-WARD-A for the ward
		cls.workplace_identity = make_identity("T-WP-X", cls.pki.workplace)
		cls.ward_identity = make_identity("T-WARD-A", cls.pki.ward, roles=("Residence Committee Officer",))

	def setUp(self):
		frappe.db.savepoint("signing_test")

	def tearDown(self):
		super().tearDown()
		frappe.db.rollback(save_point="signing_test")  # the identities of setUpClass stay

	def as_user(self, role):
		frappe.set_user(self.world.users[role])

	def sent_letter(self, member="M1", committee="T-WARD-A"):
		"""A letter for a member of T-WP-X, sent by its workplace officer (and so signed)."""
		frappe.set_user("Administrator")
		letter = frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": self.world.members[member],
				"residence_committee": committee,
			}
		)
		# M1's own letter of the shared world is acknowledged: this one is a fresh one for M2
		letter.insert()
		self.as_user("workplace")
		return apply_workflow(frappe.get_doc("Residence Introduction", letter.name), "Send")

	def stored_pdf(self, doc) -> bytes:
		entry = signatures.current_entry(doc.doctype, doc.name)
		self.assertIsNotNone(entry, "the document was not signed")
		return signatures.read_private_file(entry.signed_pdf)

	def check(self, data: bytes) -> dict:
		return signature_check.check_pdf(data)


class TestSigningALetter(SigningTestCase):
	def setUp(self):
		super().setUp()
		# M2 works in T-WP-X and has no open letter once the shared world's draft is set aside
		self.letter = self.sent_letter_for_m2()

	def sent_letter_for_m2(self):
		draft = self.world.introductions["I2"]
		frappe.db.set_value("Residence Introduction", draft, "docstatus", 2)
		return self.sent_letter("M2", "T-WARD-C")

	def test_a_sent_letter_is_signed_intact_valid_and_trusted(self):
		data = self.stored_pdf(self.letter)
		report = self.check(data)
		self.assertTrue(report["readable"])
		self.assertEqual(len(report["signatures"]), 1)
		signature = report["signatures"][0]
		self.assertTrue(signature["intact"])
		self.assertTrue(signature["valid"])
		self.assertTrue(signature["trusted"])
		self.assertTrue(signature["whole_file"])
		self.assertTrue(signature["certification"])
		self.assertEqual(signature["signer"], "Đảng ủy Công ty Xây dựng số 1")
		self.assertEqual(signature["serial"], self.workplace_identity.certificate_serial)
		self.assertEqual(signature["problem"], "")
		# the file is the one on record, and the code look-up shows the same digest
		self.assertTrue(report["registered"]["matches"])
		found = verification.lookup(self.letter.verification_code)
		self.assertEqual(found["signature"], "Signed")
		self.assertEqual(found["sha256"], pdf_signing.sha256(data))
		self.assertEqual(report["registered"]["document"]["number"], found["number"])

	def test_the_qr_code_and_verification_code_are_inside_the_signed_content(self):
		from pypdf import PdfReader

		data = self.stored_pdf(self.letter)
		text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
		self.assertIn(verification.grouped(self.letter.verification_code), text)
		# and the certification covers that revision: nothing but signing may follow
		self.assertTrue(self.check(data)["signatures"][0]["whole_file"])

	def test_the_signed_pdf_is_stored_once_and_served_for_every_download(self):
		from party_residence.api.signed_pdf import download_pdf

		data = self.stored_pdf(self.letter)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Residence Introduction", "attached_to_name": self.letter.name},
			fields=["is_private", "file_url"],
		)
		self.assertEqual(len(files), 1)
		self.assertTrue(files[0].is_private)
		# the register points at that file and keeps no copy of its own
		self.assertEqual(frappe.db.count("File", {"file_url": files[0].file_url}), 1)
		for _attempt in range(2):
			frappe.local.response = frappe._dict()
			download_pdf("Residence Introduction", self.letter.name, format="Giấy giới thiệu")
			self.assertEqual(frappe.local.response.filecontent, data)

	def test_the_signed_pdf_on_record_cannot_be_deleted_or_made_public(self):
		from frappe.desk.form.utils import remove_attach

		data = self.stored_pdf(self.letter)
		file = frappe.get_doc(
			"File", {"attached_to_doctype": "Residence Introduction", "attached_to_name": self.letter.name}
		)
		for role in ("workplace", "manager"):
			self.as_user(role)
			with self.assertRaises(frappe.PermissionError):
				frappe.delete_doc("File", file.name)
			frappe.form_dict.update(dn=self.letter.name, dt="Residence Introduction", fid=file.name)
			with self.assertRaises(frappe.PermissionError):
				remove_attach()
			public = frappe.get_doc("File", file.name)
			public.is_private = 0
			with self.assertRaises(frappe.PermissionError):
				public.save()
		frappe.set_user("Administrator")
		self.assertEqual(self.stored_pdf(self.letter), data)
		self.assertTrue(frappe.db.get_value("File", file.name, "is_private"))

	def test_no_file_reaches_the_signed_pdf_by_another_spelling_of_its_address(self):
		data = self.stored_pdf(self.letter)
		on_record = frappe.get_doc(
			"File", {"attached_to_doctype": "Residence Introduction", "attached_to_name": self.letter.name}
		)
		stored_as = on_record.file_url.rsplit("/", 1)[1]
		self.as_user("secretary")
		own = frappe.get_doc(
			{"doctype": "File", "file_name": "ghi-chu.txt", "is_private": 1, "content": b"ghi chu"}
		).insert()
		for spelling in (f"/private/files//{stored_as}", f"/private/files/./{stored_as}"):
			with self.subTest(spelling=spelling):
				moved = frappe.get_doc("File", own.name)
				moved.file_url, moved.is_private = spelling, 0
				with self.assertRaises(frappe.PermissionError):
					moved.save()
				with self.assertRaises(frappe.PermissionError):
					frappe.get_doc(
						{"doctype": "File", "file_name": "x.pdf", "file_url": spelling, "is_private": 1}
					).insert()
		frappe.delete_doc("File", own.name)
		frappe.set_user("Administrator")
		self.assertEqual(self.stored_pdf(self.letter), data)
		self.assertTrue(frappe.db.get_value("File", on_record.name, "is_private"))

	def test_a_reader_of_a_record_neither_removes_nor_publishes_its_files(self):
		# the member reads their own letter; the workplace officer writes it
		attached = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "bien-ban.txt",
				"attached_to_doctype": "Residence Introduction",
				"attached_to_name": self.world.introductions["I1"],
				"is_private": 1,
				"content": b"bien ban",
			}
		).insert()
		self.as_user("member")
		self.assertTrue(frappe.has_permission("File", "read", doc=attached))
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("File", attached.name)
		self.as_user("workplace")
		public = frappe.get_doc("File", attached.name)
		public.is_private = 0
		with self.assertRaises(frappe.PermissionError):
			public.save()
		frappe.delete_doc("File", attached.name)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("File", attached.name))

	def test_the_signed_pdf_uploaded_again_is_an_ordinary_file_that_cannot_move_it(self):
		data = self.stored_pdf(self.letter)
		on_record = frappe.get_doc(
			"File", {"attached_to_doctype": "Residence Introduction", "attached_to_name": self.letter.name}
		)
		self.as_user("workplace")
		copies = [
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "ban-sao.pdf",
					"attached_to_doctype": doctype,
					"attached_to_name": name,
					"is_private": 1,
					"content": data,
				}
			).insert()
			for doctype, name in (("Residence Introduction", self.letter.name), (None, None))
		]
		# Frappe keeps one stored file for the same content: the copies point at the signed PDF
		self.assertEqual({copy.file_url for copy in copies}, {on_record.file_url})
		for copy in copies:
			made_public = frappe.get_doc("File", copy.name)
			made_public.is_private = 0
			with self.assertRaises(frappe.PermissionError):
				made_public.save()
			frappe.delete_doc("File", copy.name)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("File", on_record.name)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("File", {"name": ("in", [copy.name for copy in copies])}))
		self.assertEqual(self.stored_pdf(self.letter), data)
		self.assertTrue(frappe.db.get_value("File", on_record.name, "is_private"))

	@unittest.skipUnless(
		shutil.which("pdftoppm"), "pdftoppm is not installed (apt-get install poppler-utils)"
	)
	def test_a_stamp_made_with_the_kept_font_looks_like_one_made_afresh(self):
		# the second signature with the same letters reuses the font program cut for the first
		pdf = signatures.render(self.letter, "Giấy giới thiệu")
		signer = pdf_signing.pkcs12_signer(self.pki.workplace.pkcs12([self.pki.root]), PASSPHRASE)
		signature = pdf_signing.Signature(
			signer=signer,
			place=pdf_signing.place_below(None, "NoiGioiThieu", pdf_signing.page_count(pdf)),
			signer_name="Đảng ủy Công ty Xây dựng số 1",
			role="T/M Đảng ủy",
			time="04/12/2026 09:30",
			font_path=pdf_signing.find_font(),
		)
		pdf_signing._font_programs.clear()
		afresh = pdf_signing.certify(pdf, signature)
		kept = pdf_signing.certify(pdf, signature)
		self.assertEqual(len(pdf_signing._font_programs), 1)
		for data in (afresh, kept):
			report = self.check(data)["signatures"][0]
			self.assertTrue(report["intact"] and report["valid"], report["problem"])
		self.assertEqual(self.last_page_png(afresh), self.last_page_png(kept))

	def last_page_png(self, data: bytes) -> bytes:
		with tempfile.TemporaryDirectory() as directory:
			source = os.path.join(directory, "signed.pdf")
			with open(source, "wb") as f:
				f.write(data)
			pages = pdf_signing.page_count(data)
			subprocess.run(
				[
					"pdftoppm",
					"-png",
					"-r",
					"60",
					"-f",
					str(pages),
					"-l",
					str(pages),
					source,
					f"{directory}/page",
				],
				check=True,
				capture_output=True,
			)
			(image,) = [name for name in os.listdir(directory) if name.endswith(".png")]
			with open(os.path.join(directory, image), "rb") as f:
				return f.read()

	def test_one_changed_byte_breaks_the_signature(self):
		data = bytearray(self.stored_pdf(self.letter))
		position = 2000  # inside the rendered letter, which the signature covers
		data[position] = (data[position] + 1) % 256
		report = self.check(bytes(data))
		self.assertFalse(report["registered"]["matches"])
		self.assertTrue(report["signatures"])
		self.assertTrue(all(not s["intact"] and not s["valid"] for s in report["signatures"]))

	def test_a_file_passed_through_another_pdf_writer_is_not_intact(self):
		from pypdf import PdfReader, PdfWriter

		writer = PdfWriter(clone_from=PdfReader(io.BytesIO(self.stored_pdf(self.letter))))
		writer.add_metadata({"/Producer": "another writer"})
		buffer = io.BytesIO()
		writer.write(buffer)
		report = self.check(buffer.getvalue())
		self.assertFalse(report["registered"]["matches"])
		self.assertTrue(report["signatures"], "the signature dictionary survives the rewrite")
		self.assertFalse(report["signatures"][0]["intact"])
		self.assertFalse(report["signatures"][0]["valid"])

	def test_the_ward_adds_its_signature_when_it_receives_the_letter(self):
		first = self.stored_pdf(self.letter)
		frappe.set_user("Administrator")
		make_scoped_user(self.world.users["committee"], "Residence Committee Officer", "T-WARD-C")
		ward_c = make_identity("T-WARD-C", self.pki.ward, roles=("Residence Committee Officer",))
		self.as_user("committee")
		letter = apply_workflow(frappe.get_doc("Residence Introduction", self.letter.name), "Receive")
		second = self.stored_pdf(letter)
		self.assertTrue(second.startswith(first), "the ward's signature is an incremental update")
		report = self.check(second)
		self.assertEqual(len(report["signatures"]), 2)
		workplace, ward = report["signatures"]
		for signature in (workplace, ward):
			self.assertTrue(signature["intact"] and signature["valid"] and signature["trusted"])
			self.assertTrue(signature["changes_allowed"])
		self.assertFalse(workplace["whole_file"])  # the ward's revision follows it, as allowed
		self.assertTrue(ward["whole_file"])
		self.assertEqual(verification.lookup(letter.verification_code)["signature"], "Confirmed")
		entry = frappe.get_doc("Signed Document", signatures.current_entry(letter.doctype, letter.name).name)
		self.assertEqual(
			[row.signing_identity for row in entry.signatures], [self.workplace_identity.name, ward_c.name]
		)

	def test_a_change_outside_the_allowed_ones_is_reported(self):
		from pyhanko.pdf_utils import generic
		from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

		writer = IncrementalPdfFileWriter(io.BytesIO(self.stored_pdf(self.letter)))
		page = writer.root["/Pages"]["/Kids"][0].get_object()
		page["/Rotate"] = generic.NumberObject(90)  # the page itself changed, not a form field
		writer.update_container(page)
		buffer = io.BytesIO()
		writer.write(buffer)
		signature = self.check(buffer.getvalue())["signatures"][0]
		self.assertTrue(signature["intact"])  # the signed revision is untouched…
		self.assertFalse(signature["whole_file"])
		self.assertFalse(signature["changes_allowed"])  # …but what was added after it is not allowed
		self.assertIn("changed after signing", signature["coverage"])

	def test_revocation_by_a_manager_with_a_reason(self):
		entry = signatures.current_entry(self.letter.doctype, self.letter.name)
		doc = frappe.get_doc("Signed Document", entry.name)
		self.as_user("workplace")
		self.assertRaises(frappe.PermissionError, doc.revoke, "Ký nhầm")
		self.as_user("manager")
		doc = frappe.get_doc("Signed Document", entry.name)
		self.assertRaises(SigningError, doc.revoke, " ")
		doc.revoke("Ký nhầm người")
		self.assertEqual(verification.lookup(self.letter.verification_code)["signature"], "Revoked")
		data = signatures.read_private_file(doc.signed_pdf)
		self.assertEqual(self.check(data)["registered"]["status"], "Revoked")


class TestTrust(SigningTestCase):
	def sign_with(self, issued, timestamper=None) -> bytes:
		pdf = make_pdf()
		signer = pdf_signing.pkcs12_signer(issued.pkcs12([self.pki.root]), PASSPHRASE)
		return pdf_signing.certify(
			pdf,
			pdf_signing.Signature(
				signer=signer,
				place=pdf_signing.place_below(None, "Test", 1),
				signer_name=issued.cert.subject.rfc4514_string(),
				font_path=pdf_signing.find_font(),
				timestamper=timestamper,
			),
		)

	def test_an_unknown_root_is_not_trusted(self):
		signature = self.check(self.sign_with(self.pki.stranger))["signatures"][0]
		self.assertTrue(signature["intact"])
		self.assertFalse(signature["trusted"])
		self.assertIn("not issued by an authority this site trusts", signature["problem"])

	def test_an_expired_certificate_is_not_valid(self):
		signature = self.check(self.sign_with(self.pki.expired))["signatures"][0]
		self.assertTrue(signature["intact"])
		self.assertFalse(signature["valid"])
		self.assertFalse(signature["trusted"])

	def test_a_revoked_certificate_is_not_valid(self):
		signature = self.check(self.sign_with(self.pki.revoked))["signatures"][0]
		self.assertFalse(signature["valid"])
		self.assertIn("revoked", signature["problem"])
		# without the revocation list the same file checks out
		frappe.db.set_single_value(SETTINGS, "revocation_lists", "")
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		self.assertTrue(self.check(self.sign_with(self.pki.revoked))["signatures"][0]["valid"])

	def test_a_timestamp_authority_makes_it_b_t(self):
		signature = self.check(self.sign_with(self.pki.workplace, dummy_timestamper()))["signatures"][0]
		self.assertTrue(signature["trusted"])
		self.assertTrue(signature["timestamp"])
		unstamped = self.check(self.sign_with(self.pki.workplace))["signatures"][0]
		self.assertEqual(unstamped["timestamp"], "")

	def test_a_file_that_is_not_a_pdf(self):
		report = self.check(b"not a pdf at all")
		self.assertFalse(report["readable"])
		self.assertEqual(report["signatures"], [])


class TestWhoMaySign(SigningTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.set_value("Residence Introduction", self.world.introductions["I2"], "docstatus", 2)

	def draft(self):
		return frappe.get_doc(
			{
				"doctype": "Residence Introduction",
				"party_member": self.world.members["M2"],
				"residence_committee": "T-WARD-C",
			}
		).insert()

	def test_a_user_without_the_signing_role_cannot_take_the_signing_step(self):
		letter = self.draft()
		identity = frappe.get_doc("Signing Identity", self.workplace_identity.name)
		identity.signing_roles = []
		identity.append("signing_roles", {"role": "Party Residence Manager"})
		identity.save()
		self.as_user("workplace")
		self.assertRaises(
			SigningNotAllowedError, apply_workflow, frappe.get_doc(letter.doctype, letter.name), "Send"
		)

	def test_a_user_outside_the_organization_cannot_sign_for_it(self):
		self.assertFalse(signatures.may_sign(self.workplace_identity.name, user=self.world.users["noscope"]))
		self.assertFalse(signatures.may_sign(self.ward_identity.name, user=self.world.users["workplace"]))
		self.assertTrue(signatures.may_sign(self.workplace_identity.name, user=self.world.users["workplace"]))

	def test_officers_cannot_read_the_identity_or_its_key(self):
		key_file = frappe.get_doc("File", {"file_url": self.workplace_identity.pkcs12_file})
		for role in ("workplace", "committee", "secretary", "member", "noscope"):
			with self.subTest(role=role):
				self.as_user(role)
				self.assertRaises(
					frappe.PermissionError,
					frappe.get_doc("Signing Identity", self.workplace_identity.name).check_permission,
				)
				self.assertFalse(frappe.has_permission("File", "read", doc=key_file))
				self.assertRaises(frappe.PermissionError, frappe.get_list, "Signing Identity")
		# not even the manager downloads the key store: it stays on the server
		self.as_user("manager")
		self.assertFalse(frappe.has_permission("File", "read", doc=key_file))

	def test_the_passphrase_never_comes_back(self):
		self.as_user("manager")
		answer = frappe.client.get("Signing Identity", self.workplace_identity.name)
		self.assertNotIn(PASSPHRASE, frappe.as_json(answer))
		versions = frappe.get_all("Version", filters={"ref_doctype": "Signing Identity"}, pluck="data")
		self.assertTrue(all(PASSPHRASE not in (data or "") for data in versions))
		# a wrong passphrase: the error names the file, not what was typed
		frappe.set_user("Administrator")
		wrong = "Sai-mật-khẩu-" + frappe.generate_hash(length=8)
		with self.assertRaises(frappe.ValidationError) as caught:
			make_identity("T-WP-Y", self.pki.workplace, pkcs12_passphrase=wrong)
		self.assertNotIn(wrong, str(caught.exception))
		self.assertNotIn(PASSPHRASE, str(caught.exception))
		logs = frappe.get_all(
			"Error Log", filters={"creation": (">", add_days(now_datetime(), -1))}, pluck="error"
		)
		self.assertTrue(all(wrong not in (log or "") and PASSPHRASE not in (log or "") for log in logs))

	def test_the_certificate_facts_are_read_from_the_key_store(self):
		identity = self.workplace_identity
		self.assertIn("Đảng ủy Công ty Xây dựng số 1", identity.certificate_subject)
		self.assertEqual(identity.certificate_serial, format(self.pki.workplace.cert.serial_number, "X"))
		self.assertEqual(len(identity.certificate_fingerprint), 64)
		self.assertLess(identity.valid_from, identity.valid_to)
		# an expired certificate is refused for an active identity
		self.assertRaises(frappe.ValidationError, make_identity, "T-WP-Y", self.pki.expired)
		# a public key store is refused
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Signing Identity",
					"party_organization": "T-WP-Y",
					"signing_roles": [{"role": "Workplace Party Officer"}],
					"pkcs12_file": "/files/key.p12",
				}
			).insert()


class TestReviewForm(SigningTestCase):
	def test_the_branch_signs_and_the_ward_adds_its_confirmation(self):
		from party_residence.party_residence.doctype.residence_review.test_residence_review import rate_all

		make_identity("T-WARD-A-B1", self.pki.branch, roles=("Residence Branch Secretary",))
		self.as_user("secretary")
		review = rate_all(frappe.get_doc("Residence Review", self.world.reviews["RV1"]))
		review.save()
		review = apply_workflow(review, "Send for Confirmation")
		branch_signed = self.stored_pdf(review)
		self.assertEqual(verification.lookup(review.verification_code)["found"], False)  # not confirmed yet
		self.as_user("committee")
		review = apply_workflow(frappe.get_doc("Residence Review", review.name), "Confirm")
		confirmed = self.stored_pdf(review)
		self.assertTrue(confirmed.startswith(branch_signed), "the ward's signature is added, not re-rendered")
		report = self.check(confirmed)
		self.assertEqual(
			[s["signer"] for s in report["signatures"]], ["Chi bộ Tổ dân phố số 1", "Đảng ủy phường An Thịnh"]
		)
		for signature in report["signatures"]:
			self.assertTrue(signature["intact"] and signature["valid"] and signature["trusted"])
			self.assertTrue(signature["changes_allowed"])
		self.assertEqual(verification.lookup(review.verification_code)["signature"], "Confirmed")

	def test_a_form_returned_for_revision_is_signed_again_when_sent_again(self):
		from party_residence.party_residence.doctype.residence_review.test_residence_review import rate_all

		make_identity("T-WARD-A-B1", self.pki.branch, roles=("Residence Branch Secretary",))
		self.as_user("secretary")
		review = rate_all(frappe.get_doc("Residence Review", self.world.reviews["RV1"]))
		review.save()
		review = apply_workflow(review, "Send for Confirmation")
		first = signatures.current_entry(review.doctype, review.name)
		from party_residence.workflow_reasons import keep as keep_reason

		self.as_user("committee")
		keep_reason("Residence Review", review.name, "Return for Revision", "Bổ sung nhận xét")
		review = apply_workflow(frappe.get_doc("Residence Review", review.name), "Return for Revision")
		self.assertIsNone(signatures.current_entry(review.doctype, review.name))
		self.assertEqual(frappe.db.get_value("Signed Document", first.name, "status"), "Superseded")
		self.as_user("secretary")
		review = apply_workflow(frappe.get_doc("Residence Review", review.name), "Send for Confirmation")
		self.assertNotEqual(signatures.current_entry(review.doctype, review.name).name, first.name)


class TestBatches(SigningTestCase):
	def test_letters_sent_in_a_batch_are_signed_in_the_background(self):
		from party_residence import introductions

		frappe.db.set_value("Residence Introduction", self.world.introductions["I2"], "docstatus", 2)
		self.as_user("workplace")
		with patch.object(frappe, "enqueue") as enqueue:
			results = introductions.introduce_many(
				[self.world.members["M2"]], frappe.utils.today(), frappe.session.user
			)
		letter = results[0]["residence_introduction"]
		self.assertIsNone(signatures.current_entry("Residence Introduction", letter))
		job = enqueue.call_args.kwargs
		self.assertEqual(
			(job["doctype"], job["names"], job["queue"]), ("Residence Introduction", [letter], "long")
		)
		with patch.object(frappe.db, "commit"):  # the job commits each letter; the test must not
			signatures.sign_many(job["doctype"], job["names"], job["user"])
		signature = self.check(self.stored_pdf(frappe.get_doc("Residence Introduction", letter)))[
			"signatures"
		][0]
		self.assertTrue(signature["intact"] and signature["valid"] and signature["trusted"])

	def test_a_batch_of_a_user_who_may_not_sign_is_not_signed(self):
		with patch.object(frappe, "enqueue") as enqueue:
			signatures.sign_later(
				"Residence Introduction", [self.world.introductions["I1"]], self.world.users["committee"]
			)
		enqueue.assert_not_called()


class TestYearlyReport(SigningTestCase):
	def test_an_issued_report_is_signed_and_no_longer_edited(self):
		self.as_user("committee")
		report = frappe.get_doc("Residence Liaison Report", self.world.liaison_reports["LR1"])
		report.issue()
		self.assertTrue(report.issued_on)
		data = self.stored_pdf(report)
		signature = self.check(data)["signatures"][0]
		self.assertTrue(signature["intact"] and signature["valid"] and signature["trusted"])
		self.assertEqual(verification.lookup(report.verification_code)["status"], frappe._("Issued"))
		report = frappe.get_doc("Residence Liaison Report", report.name)
		report.section_4 = "<p>Sửa sau khi ban hành</p>"
		self.assertRaises(frappe.ValidationError, report.save)


class TestExternalSigner(SigningTestCase):
	def test_an_external_signer_receives_the_prepared_hash_and_returns_the_signature(self):
		from cryptography.hazmat.primitives import hashes
		from cryptography.hazmat.primitives.asymmetric import padding

		received = []

		def token(identity, request):
			received.append(request)
			return self.pki.ward.key.sign(request.signed_attributes, padding.PKCS1v15(), hashes.SHA256())

		identity = frappe.get_doc(
			{
				"doctype": "Signing Identity",
				"party_organization": "T-WP-Y",
				"signing_roles": [{"role": "Workplace Party Officer"}],
				"key_source": "External Signer",
				"external_certificate": self.pki.ward.pem,
			}
		).insert()
		self.assertEqual(identity.certificate_serial, format(self.pki.ward.cert.serial_number, "X"))
		with patch.object(signatures, "external_signature", side_effect=lambda i, r: token(i, r)):
			letter = frappe.get_doc("Residence Introduction", self.world.introductions["I1"])
			step = signatures.Step("issuing_committee", "Giấy giới thiệu", "Ngoai", "first", "T/M")
			entry = signatures.sign(letter, step, identity.name, pdf=make_pdf())
		self.assertEqual(len(received), 1)
		self.assertEqual(len(received[0].document_digest), 32)  # the SHA-256 of the prepared PDF
		data = signatures.read_private_file(entry.file_url)
		signature = self.check(data)["signatures"][0]
		self.assertTrue(signature["intact"] and signature["valid"] and signature["trusted"])


SOFTHSM = shutil.which("softhsm2-util")
SOFTHSM_LIBRARY = next(
	(
		path
		for path in ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
		if os.path.exists(path)
	),
	None,
)


@unittest.skipUnless(SOFTHSM and SOFTHSM_LIBRARY, "SoftHSM2 is not installed (apt-get install softhsm2)")
class TestPkcs11Token(SigningTestCase):
	PIN = "123456"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.directory = tempfile.mkdtemp(prefix="softhsm-")
		os.makedirs(os.path.join(cls.directory, "tokens"))
		config = os.path.join(cls.directory, "softhsm2.conf")
		with open(config, "w") as f:
			f.write(f"directories.tokendir = {cls.directory}/tokens\nobjectstore.backend = file\n")
		cls.old_config = os.environ.get("SOFTHSM2_CONF")
		os.environ["SOFTHSM2_CONF"] = config
		subprocess.run(
			[SOFTHSM, "--init-token", "--free", "--label", "pr-test", "--so-pin", "654321", "--pin", cls.PIN],
			check=True,
			capture_output=True,
		)
		key = os.path.join(cls.directory, "key.pem")
		with open(key, "wb") as f:
			f.write(cls.pki.branch.key_pem)
		subprocess.run(
			[
				SOFTHSM,
				"--import",
				key,
				"--token",
				"pr-test",
				"--label",
				"signing",
				"--id",
				"01",
				"--pin",
				cls.PIN,
			],
			check=True,
			capture_output=True,
		)
		import pkcs11
		from cryptography.hazmat.primitives import serialization

		token = pkcs11.lib(SOFTHSM_LIBRARY).get_token(token_label="pr-test")
		with token.open(rw=True, user_pin=cls.PIN) as session:
			session.create_object(
				{
					pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
					pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
					pkcs11.Attribute.TOKEN: True,
					pkcs11.Attribute.LABEL: "signing",
					pkcs11.Attribute.ID: b"\x01",
					pkcs11.Attribute.VALUE: cls.pki.branch.cert.public_bytes(serialization.Encoding.DER),
					pkcs11.Attribute.SUBJECT: cls.pki.branch.cert.subject.public_bytes(),
					pkcs11.Attribute.ISSUER: cls.pki.branch.cert.issuer.public_bytes(),
					pkcs11.Attribute.SERIAL_NUMBER: cls.pki.branch.cert.serial_number.to_bytes(20, "big"),
				}
			)

	@classmethod
	def tearDownClass(cls):
		if cls.old_config is None:
			os.environ.pop("SOFTHSM2_CONF", None)
		else:
			os.environ["SOFTHSM2_CONF"] = cls.old_config
		shutil.rmtree(cls.directory, ignore_errors=True)
		super().tearDownClass()

	def test_a_token_signs_through_pkcs11(self):
		values = {
			"doctype": "Signing Identity",
			"party_organization": "T-WP-Y",
			"signing_roles": [{"role": "Workplace Party Officer"}],
			"key_source": "PKCS#11 Token",
			"pkcs11_module": SOFTHSM_LIBRARY,
			"pkcs11_token_label": "pr-test",
			"pkcs11_key_label": "signing",
			"pkcs11_pin": self.PIN,
		}
		# a library the site config does not list is never loaded
		self.assertRaises(frappe.ValidationError, frappe.get_doc(values).insert)
		with patch.dict(frappe.local.conf, {"pkcs11_modules": [SOFTHSM_LIBRARY]}):
			identity = frappe.get_doc(values).insert()
			self.assertEqual(identity.certificate_serial, format(self.pki.branch.cert.serial_number, "X"))
			letter = frappe.get_doc("Residence Introduction", self.world.introductions["I1"])
			step = signatures.Step("issuing_committee", "Giấy giới thiệu", "Token", "first", "T/M")
			entry = signatures.sign(letter, step, identity.name, pdf=make_pdf())
		signature = self.check(signatures.read_private_file(entry.file_url))["signatures"][0]
		self.assertTrue(signature["intact"] and signature["valid"] and signature["trusted"])
		self.assertNotIn(self.PIN, frappe.as_json(frappe.client.get("Signing Identity", identity.name)))


class TestVerificationPageUpload(SigningTestCase):
	def test_an_uploaded_pdf_is_checked_on_the_page(self):
		from frappe.tests.test_api import make_request
		from frappe.utils import get_test_client

		frappe.cache.delete_keys("rl:")
		signed = TestTrust.sign_with(self, self.pki.stranger)  # no record needed: the page's own connection
		client = get_test_client()
		response = make_request(
			target=client.post,
			args=("/verify",),
			kwargs={"data": {"pdf": (io.BytesIO(signed), "thu.pdf")}, "content_type": "multipart/form-data"},
		)
		html = response.get_data(as_text=True)
		self.assertEqual(response.status_code, 200)
		self.assertIn("Đảng ủy giả mạo", html)  # the signer named in its certificate
		self.assertIn(pdf_signing.sha256(signed), html)
		# the uploads share the look-ups' limit
		statuses = [
			make_request(
				target=client.post,
				args=("/verify",),
				kwargs={"data": {"pdf": (io.BytesIO(b"x"), "x.pdf")}, "content_type": "multipart/form-data"},
			).status_code
			for _n in range(30)
		]
		self.assertEqual(statuses[-1], 429)


def make_pdf() -> bytes:
	"""A one-page PDF of the party document layout's shape, without the print pipeline."""
	from frappe.utils.pdf import get_pdf

	return get_pdf(
		"<html><body><p>GIẤY GIỚI THIỆU</p><p style='margin-left: 300px'>T/M ĐẢNG ỦY</p>"
		"<p style='margin-top: 200px'>Thử nghiệm</p></body></html>"
	)
