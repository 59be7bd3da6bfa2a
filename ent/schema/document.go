package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// DocumentTypes are the kinds of document (loại văn bản) the register knows, as stored; the UI
// and the extractor name them in Vietnamese (internal/document.TypeName).
var DocumentTypes = []string{
	"nghi_quyet", "ket_luan", "chi_thi", "ke_hoach", "chuong_trinh", "cong_van", "thong_bao",
	"quyet_dinh", "nghi_dinh", "thong_tu", "luat", "phap_lenh", "de_an", "huong_dan", "quy_dinh",
	"quy_che", "bao_cao", "to_trinh", "thong_tu_lien_tich", "nghi_quyet_lien_tich", "other",
}

// Document is an entry of a province's document register (sổ văn bản): a directive received
// or a text the province issued, with its number and symbol as written and a normalized key.
type Document struct{ ent.Schema }

// Mixin of the Document.
func (Document) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the Document.
func (Document) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("type").Values(DocumentTypes...),
		field.String("number_symbol").Default("").MaxRuneLen(100).Comment("as written: 04/CT- UBND"),
		field.String("symbol_key").Default("").Comment("normalized: 04/CT-UBND folded, upper case"),
		field.Int("year").Default(0).Comment("year of issue (0: unknown); number + type + year is unique"),
		field.String("issuer").Default("").MaxRuneLen(300),
		field.Int("issuer_unit_id").Optional().Nillable().Comment("when the issuer is one of the province's units"),
		field.Time("issued_on").Optional().Nillable(),
		field.String("place").Default("").MaxRuneLen(100),
		field.Text("summary").Default("").Comment("trích yếu"),
		field.String("signer").Default("").MaxRuneLen(200),
		field.Text("full_text").Default(""),
		field.Enum("direction").Values("received", "issued").Default("received"),
		field.String("search_key").Default("").Comment("number, summary and issuer without diacritics, lower case"),
		field.Int("created_by").Optional().Nillable(),
	}
}

// Edges of the Document.
func (Document) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("issuer_unit", Unit.Type).Field("issuer_unit_id").Unique(),
		edge.From("files", DocumentFile.Type).Ref("document"),
		edge.From("citations", Citation.Type).Ref("document"),
		edge.From("cited_by", Citation.Type).Ref("cited"),
		edge.From("plans", WorkPlan.Type).Ref("document"),
	}
}

// Indexes of the Document.
func (Document) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "type", "symbol_key", "year").Unique().
			Annotations(entsql.IndexWhere("symbol_key <> ''")),
		index.Fields("tenant_id", "symbol_key"),
		index.Fields("tenant_id", "issued_on"),
	}
}

// DocumentFile is one version of an original file of a document (DOCX, PDF, a scan), stored in
// the province's bucket. Uploading a file under a name the document already has adds a version;
// nothing is overwritten.
type DocumentFile struct{ ent.Schema }

// Mixin of the DocumentFile.
func (DocumentFile) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the DocumentFile.
func (DocumentFile) Fields() []ent.Field {
	return []ent.Field{
		field.Int("document_id").Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(255).Immutable(),
		field.Int("version").Positive().Immutable(),
		field.String("content_type").NotEmpty().Immutable(),
		field.Int64("size").NonNegative().Immutable(),
		field.String("sha256").Immutable(),
		field.String("object_key").NotEmpty().Immutable(),
		field.Int("uploaded_by").Optional().Nillable().Immutable(),
	}
}

// Edges of the DocumentFile.
func (DocumentFile) Edges() []ent.Edge {
	return []ent.Edge{edge.To("document", Document.Type).Field("document_id").Unique().Required().Immutable()}
}

// Indexes of the DocumentFile.
func (DocumentFile) Indexes() []ent.Index {
	return []ent.Index{index.Fields("document_id", "name", "version").Unique()}
}

// Citation is a document cited by another (căn cứ, thực hiện …): what the extractor parsed,
// and the register's document when the normalized key resolves to one.
type Citation struct{ ent.Schema }

// Mixin of the Citation.
func (Citation) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}} }

// Fields of the Citation.
func (Citation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("document_id").Immutable().Comment("the citing document"),
		field.Int("cited_id").Optional().Nillable().Comment("the cited document, when registered"),
		field.Enum("type").Values(DocumentTypes...),
		field.String("number_symbol").Default("").MaxRuneLen(100),
		field.String("symbol_key").Default(""),
		field.Time("cited_on").Optional().Nillable().Comment("the cited document's date, as the citation gives it"),
		field.String("issuer").Default("").MaxRuneLen(300),
		field.Text("title").Default(""),
		field.Int("span_start").Default(0),
		field.Int("span_end").Default(0),
	}
}

// Edges of the Citation.
func (Citation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("document", Document.Type).Field("document_id").Unique().Required().Immutable(),
		edge.To("cited", Document.Type).Field("cited_id").Unique(),
	}
}

// Indexes of the Citation.
func (Citation) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "symbol_key"), index.Fields("document_id")}
}
