import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ROR exposure model (ME 3.0.1, IG 0.7.0 §2): EJ → EG → OI, offers, places, capacities, equipment,
 * contacts, practitioners and their situations, the geography and NOS reference tables, and the audit log.
 * Coded values are NOS codings stored as JSON `{ system, code, display }` so every code keeps its table.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE; an IMMUTABLE wrapper lets it appear in index expressions.
    await q.query(`
      CREATE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent', $1) $$`);
    await q.query(`CREATE FUNCTION search_text(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(public.immutable_unaccent(coalesce($1, ''))) $$`);

    // Geography (INSEE COG)
    await q.query(`
      CREATE TABLE region (
        code varchar(3) PRIMARY KEY,
        name text NOT NULL,
        administrative boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE departement (
        code varchar(3) PRIMARY KEY,
        name text NOT NULL,
        region_code varchar(3) NOT NULL REFERENCES region(code)
      )`);
    await q.query(`
      CREATE TABLE commune (
        code varchar(5) PRIMARY KEY,
        name text NOT NULL,
        departement_code varchar(3) NOT NULL,
        region_code varchar(3) NOT NULL,
        postal_codes text[] NOT NULL DEFAULT '{}',
        type varchar(4) NOT NULL,
        parent_code varchar(5),
        latitude double precision,
        longitude double precision
      )`);
    await q.query(`CREATE INDEX commune_name_idx ON commune (search_text(name) text_pattern_ops)`);

    // NOS tables: every loaded version is kept (nos.md: the NOS is versioned monthly).
    await q.query(`
      CREATE TABLE nomenclature_version (
        id serial PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('ValueSet', 'CodeSystem')),
        name text NOT NULL,
        url text NOT NULL,
        oid text,
        version text,
        published_at timestamptz,
        status text NOT NULL,
        title text,
        content_hash char(64) NOT NULL,
        is_current boolean NOT NULL DEFAULT false,
        source_file text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (url, content_hash)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX nomenclature_version_current_idx ON nomenclature_version (url) WHERE is_current`,
    );
    await q.query(`
      CREATE TABLE nomenclature_concept (
        version_id integer NOT NULL REFERENCES nomenclature_version(id) ON DELETE CASCADE,
        system text NOT NULL,
        code text NOT NULL,
        display text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        end_date timestamptz,
        search text NOT NULL,
        PRIMARY KEY (version_id, system, code)
      )`);

    // Structures: EJ, EG, OI (IG §2.3). FINESS-owned identity fields are written by imports only.
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(2) NOT NULL CHECK (kind IN ('EJ', 'EG', 'OI')),
        parent_id uuid REFERENCES organization(id) ON DELETE RESTRICT,
        finess char(9) UNIQUE,
        siren char(9),
        siret char(14),
        name text NOT NULL,
        operational_name text,
        legal_status jsonb,
        category jsonb,
        internal_type jsonb,
        address jsonb,
        commune_code varchar(5) REFERENCES commune(code),
        departement_code varchar(3),
        region_code varchar(3),
        latitude double precision,
        longitude double precision,
        opened_on date,
        closed_on date,
        closing_type jsonb,
        reopening_expected_on date,
        comment text,
        finess_updated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((kind = 'EJ') = (parent_id IS NULL))
      )`);
    await q.query(`CREATE INDEX organization_parent_idx ON organization (parent_id)`);
    await q.query(`CREATE INDEX organization_region_idx ON organization (region_code, departement_code)`);
    await q.query(`CREATE INDEX organization_name_idx ON organization (search_text(name) text_pattern_ops)`);

    // Offres opérationnelles (IG §2.4). Identifier `{region}/{n}` (IG §1 fact 13).
    await q.query(`CREATE TABLE healthcare_service_number (region_code varchar(3) PRIMARY KEY, last integer NOT NULL)`);
    await q.query(`
      CREATE TABLE healthcare_service (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        identifier varchar(16) NOT NULL UNIQUE,
        name text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE RESTRICT,
        activity_field jsonb NOT NULL,
        offer_type jsonb,
        operational_activities jsonb NOT NULL DEFAULT '[]',
        operational_activity_family jsonb,
        care_mode jsonb NOT NULL,
        reception_type jsonb,
        reception_modalities jsonb NOT NULL DEFAULT '[]',
        management_types jsonb NOT NULL DEFAULT '[]',
        specific_acts jsonb NOT NULL DEFAULT '[]',
        outside_office_acts jsonb NOT NULL DEFAULT '[]',
        taking_care_specialities jsonb NOT NULL DEFAULT '[]',
        annual_opening jsonb,
        resource_professions jsonb NOT NULL DEFAULT '[]',
        specific_competences jsonb NOT NULL DEFAULT '[]',
        expertise_levels jsonb NOT NULL DEFAULT '[]',
        equipment jsonb NOT NULL DEFAULT '[]',
        patient_types jsonb NOT NULL DEFAULT '[]',
        age_min integer CHECK (age_min >= 0),
        age_max integer CHECK (age_max >= 0),
        intervention_communes text[] NOT NULL DEFAULT '{}',
        opening_hours jsonb NOT NULL DEFAULT '[]',
        sensitive_unit boolean NOT NULL DEFAULT false,
        no_consent_habilitation boolean NOT NULL DEFAULT false,
        psychiatric_sectors text[] NOT NULL DEFAULT '{}',
        closing_type jsonb,
        closed_on date,
        reopening_expected_on date,
        comment text,
        departement_code varchar(3),
        region_code varchar(3),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max)
      )`);
    await q.query(`CREATE INDEX healthcare_service_org_idx ON healthcare_service (organization_id)`);
    await q.query(`CREATE INDEX healthcare_service_region_idx ON healthcare_service (region_code, departement_code)`);
    await q.query(
      `CREATE INDEX healthcare_service_activities_idx ON healthcare_service USING gin (operational_activities jsonb_path_ops)`,
    );
    await q.query(
      `CREATE INDEX healthcare_service_name_idx ON healthcare_service (search_text(name) text_pattern_ops)`,
    );

    // Lieux de réalisation (IG §2.5)
    await q.query(`CREATE SEQUENCE location_number`);
    await q.query(`
      CREATE TABLE location (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        identifier varchar(32) NOT NULL UNIQUE DEFAULT ('L' || nextval('location_number')),
        external_sync_id text,
        name text NOT NULL,
        description text,
        function jsonb,
        status jsonb NOT NULL,
        address jsonb,
        commune_code varchar(5) NOT NULL REFERENCES commune(code),
        departement_code varchar(3),
        region_code varchar(3),
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        comment text,
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (organization_id, external_sync_id)
      )`);
    await q.query(`CREATE INDEX location_org_idx ON location (organization_id)`);
    await q.query(`CREATE INDEX location_region_idx ON location (region_code, departement_code)`);
    await q.query(`
      CREATE TABLE healthcare_service_location (
        healthcare_service_id uuid NOT NULL REFERENCES healthcare_service(id) ON DELETE CASCADE,
        location_id uuid NOT NULL REFERENCES location(id) ON DELETE RESTRICT,
        PRIMARY KEY (healthcare_service_id, location_id)
      )`);
    await q.query(`CREATE INDEX healthcare_service_location_loc_idx ON healthcare_service_location (location_id)`);

    await q.query(`
      CREATE TABLE equipment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        location_id uuid NOT NULL REFERENCES location(id) ON DELETE CASCADE,
        equipment_type jsonb NOT NULL,
        count_in_service integer CHECK (count_in_service >= 0),
        limits jsonb NOT NULL DEFAULT '[]',
        region_code varchar(3),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX equipment_location_idx ON equipment (location_id)`);
    await q.query(
      `CREATE UNIQUE INDEX equipment_type_uq ON equipment (location_id, (equipment_type->>'system'), (equipment_type->>'code'))`,
    );

    // Capacity indicators (IG §1 fact 2, §2.5): one row per combination of dimensions.
    await q.query(`
      CREATE TABLE capacity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        location_id uuid NOT NULL REFERENCES location(id) ON DELETE CASCADE,
        nature jsonb NOT NULL,
        status jsonb NOT NULL,
        temporality jsonb NOT NULL,
        temporary_assignment jsonb NOT NULL,
        gender jsonb,
        closing_type jsonb,
        additional_bed_type jsonb,
        crisis_type jsonb,
        count integer NOT NULL CHECK (count >= 0),
        source jsonb NOT NULL,
        observed_at timestamptz NOT NULL,
        comment text,
        region_code varchar(3),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE UNIQUE INDEX capacity_dimensions_uq ON capacity (
        location_id, (nature->>'code'), (status->>'code'), (temporality->>'code'), (temporary_assignment->>'code'),
        coalesce(gender->>'code', ''), coalesce(closing_type->>'code', ''),
        coalesce(additional_bed_type->>'code', ''), coalesce(crisis_type->>'code', ''))`);
    await q.query(`CREATE INDEX capacity_region_idx ON capacity (region_code)`);
    // The time series of every figure, kept by the database so no writer can forget it.
    await q.query(`
      CREATE TABLE capacity_history (
        id bigserial PRIMARY KEY,
        capacity_id uuid NOT NULL,
        location_id uuid NOT NULL,
        dimensions jsonb NOT NULL,
        count integer NOT NULL,
        source jsonb NOT NULL,
        observed_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX capacity_history_capacity_idx ON capacity_history (capacity_id, observed_at)`);
    await q.query(`
      CREATE FUNCTION capacity_record_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO capacity_history (capacity_id, location_id, dimensions, count, source, observed_at)
        VALUES (NEW.id, NEW.location_id, jsonb_strip_nulls(jsonb_build_object(
            'nature', NEW.nature->>'code', 'status', NEW.status->>'code', 'temporality', NEW.temporality->>'code',
            'temporaryAssignment', NEW.temporary_assignment->>'code', 'gender', NEW.gender->>'code',
            'closingType', NEW.closing_type->>'code', 'additionalBedType', NEW.additional_bed_type->>'code',
            'crisisType', NEW.crisis_type->>'code')),
          NEW.count, NEW.source, NEW.observed_at);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER capacity_history_trg AFTER INSERT OR UPDATE OF count, source, observed_at ON capacity
      FOR EACH ROW EXECUTE FUNCTION capacity_record_history()`);

    // Contacts and telecoms (IG §2.2) of a structure or an offer, with confidentiality levels (J222).
    await q.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
        healthcare_service_id uuid REFERENCES healthcare_service(id) ON DELETE CASCADE,
        position integer NOT NULL,
        name text,
        function jsonb,
        nature jsonb,
        description text,
        confidentiality jsonb NOT NULL,
        CHECK ((organization_id IS NULL) <> (healthcare_service_id IS NULL))
      )`);
    await q.query(`CREATE INDEX contact_org_idx ON contact (organization_id)`);
    await q.query(`CREATE INDEX contact_hs_idx ON contact (healthcare_service_id)`);
    await q.query(`
      CREATE TABLE telecom (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        position integer NOT NULL,
        channel jsonb NOT NULL,
        value text NOT NULL,
        usage text,
        confidentiality jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX telecom_contact_idx ON telecom (contact_id)`);

    // Professionnels and situations d'exercice (IG §2.6)
    await q.query(`
      CREATE TABLE practitioner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rpps_id varchar(12) NOT NULL UNIQUE,
        civility jsonb,
        last_name text NOT NULL,
        first_name text,
        mss_mailbox text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX practitioner_name_idx ON practitioner (search_text(last_name) text_pattern_ops)`);
    await q.query(`
      CREATE TABLE practitioner_role (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practitioner_id uuid NOT NULL REFERENCES practitioner(id) ON DELETE CASCADE,
        healthcare_service_id uuid REFERENCES healthcare_service(id) ON DELETE SET NULL,
        organization_id uuid REFERENCES organization(id) ON DELETE SET NULL,
        profession jsonb NOT NULL,
        expertise_type jsonb,
        specialty jsonb,
        exercise_mode jsonb,
        exercise_title jsonb,
        exercise_last_name text,
        exercise_first_name text,
        convention_sector jsonb,
        phone text,
        region_code varchar(3),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX practitioner_role_practitioner_idx ON practitioner_role (practitioner_id)`);
    await q.query(`CREATE INDEX practitioner_role_hs_idx ON practitioner_role (healthcare_service_id)`);
    await q.query(`CREATE INDEX practitioner_role_org_idx ON practitioner_role (organization_id)`);

    // Audit log (DESIGN §4.8): written in the same transaction as the change, never altered.
    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        request_id text,
        action varchar(16) NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        reason text
      )`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events cannot be modified or deleted' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_immutable()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_event',
      'practitioner_role',
      'practitioner',
      'telecom',
      'contact',
      'capacity_history',
      'capacity',
      'equipment',
      'healthcare_service_location',
      'location',
      'healthcare_service',
      'healthcare_service_number',
      'organization',
      'nomenclature_concept',
      'nomenclature_version',
      'commune',
      'departement',
      'region',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE location_number`);
    await q.query(`DROP FUNCTION audit_event_immutable()`);
    await q.query(`DROP FUNCTION capacity_record_history()`);
    await q.query(`DROP FUNCTION search_text(text)`);
    await q.query(`DROP FUNCTION immutable_unaccent(text)`);
  }
}
